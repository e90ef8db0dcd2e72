/** The worker's bundle as text, put in by scripts/build-playground.ts (the page starts it from a blob: a file:// page may not load worker files). */
declare module 'playground:worker-source' {
  const source: string;
  export default source;
}
