/** The playground's looks, added to the page by its script (a page without JavaScript shows only its note). */
export const playgroundStyles = `
.attention-playground { border: 1px solid #d0d7de; border-radius: 6px; padding: 12px; margin: 12px 0; max-width: 100%; box-sizing: border-box; }
.attention-playground .ap-controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-end; }
.attention-playground .ap-control { display: flex; flex-direction: column; font-size: 13px; }
.attention-playground .ap-input { width: 7em; font-size: 14px; }
.attention-playground button { font-size: 14px; padding: 4px 14px; }
.attention-playground .ap-status { min-height: 1.4em; font-size: 14px; }
.attention-playground[data-state="error"] .ap-status { color: #b00020; }
.attention-playground .ap-chart { max-width: 100%; overflow-x: auto; }
/* Charts are drawn narrow where they would not fit (charts.ts); never shrunk, so that their text stays readable. */
.attention-playground .ap-chart svg { max-width: none; }
.attention-playground .ap-log { font-size: 12px; max-width: 100%; overflow-x: auto; white-space: pre; }
`;
