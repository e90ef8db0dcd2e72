"""Publishing an executed notebook: self-contained HTML or Markdown, the whole notebook or its article.

Used by execute_notebook.py (the Jupyter half of `attention-lab export`). nbconvert does the work,
through the templates in templates/ beside it:

- Jupyter Book's cell tags are honoured in every form: `remove-cell`, `remove-input`,
  `remove-output` drop content; `hide-input`, `hide-output`, `hide-cell` make it collapsible.
- `no_input` leaves every code cell's source out (nbconvert's --no-input); code cells left with
  nothing to show are dropped, so they leave no blank gap.
- `article` is `no_input` plus: cells tagged `remove-from-article` (text that speaks to someone
  running the notebook) and outputs tagged `progress` (live logs, see src/notebook/progress.ts)
  are left out: headings, prose, charts and result tables remain.
- Live elements (outputs of LIVE_MIME_TYPE, see runner/protocol.ts) become their HTML followed by
  their script: inlined into HTML, copied into <name>_files/ for Markdown. Without --live the
  caller hides them like any other MIME type.
- A chart wider than a phone carries a narrow SVG (src/plots/narrow.ts): the HTML shows it in a
  <picture> below the chart's own width; the Markdown writes it beside the wide one and wraps the
  chart's image in inline HTML <picture> (shown where raw HTML passes, the wide chart elsewhere).
- Nothing is loaded from the network: math and mermaid diagrams, which only a CDN's JavaScript would
  render, are refused with the cell that holds them (write formulas as HTML, <i>h</i><sub>t</sub>).
"""
import copy
import datetime
import html
import os
import re
import shutil

from nbconvert import HTMLExporter, MarkdownExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from nbconvert.preprocessors import TagRemovePreprocessor
from traitlets.config import Config

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
ARTICLE_REMOVE_TAG = "remove-from-article"
PROGRESS_OUTPUT_TAG = "progress"
LIVE_MIME_TYPE = "application/vnd.attention-lab.live+json"
# A chart's narrow SVG and the widest window that shows it (src/notebook/mime-types.ts).
NARROW_CHART_MIME_TYPE = "application/vnd.attention-lab.narrow-chart+json"


class UnpublishableNotebook(Exception):
    """The notebook holds something a self-contained page cannot show; the message says what and where."""


class _ScriptOnlyFinder(IPythonRenderer):
    """nbconvert's own Markdown renderer, noting what it would leave to MathJax or mermaid.js."""

    def __init__(self):
        super().__init__(escape=False)
        self.found = []

    def block_math(self, body):
        self.found.append("math $$" + body.strip() + "$$")
        return ""

    def multiline_math(self, text):
        self.found.append("math " + text.strip())
        return ""

    def latex_environment(self, name, body):
        self.found.append("a LaTeX environment \\begin{" + name + "}")
        return ""

    def inline_math(self, body):
        self.found.append("math $" + body.strip() + "$")
        return ""

    def block_mermaidjs(self, code):
        self.found.append("a mermaid diagram")
        return ""


def _script_only_content(markdown):
    finder = _ScriptOnlyFinder()
    MarkdownWithMath(renderer=finder).render(markdown)
    return finder.found


def refuse_script_only_content(nb):
    """Raises UnpublishableNotebook naming the first cell whose Markdown needs MathJax or mermaid.js."""
    for cell in nb.cells:
        texts = [cell.source] if cell.cell_type == "markdown" else [
            output.data["text/markdown"] for output in cell.get("outputs", [])
            if "text/markdown" in output.get("data", {})]
        for text in texts:
            found = _script_only_content(text)
            if found:
                where = "the markdown cell" if cell.cell_type == "markdown" else "the output of the code cell"
                first_line = cell.source.strip().split("\n")[0]
                raise UnpublishableNotebook(
                    f"{where} beginning {first_line!r} holds {found[0]!r}, which only JavaScript from a CDN "
                    "would render; write it as HTML (e.g. <i>h</i><sub>t</sub>) or escape the dollar signs (\\$)")


def first_heading(nb):
    """The text of the first Markdown heading (the page's title), without inline markup; None if there is none."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        match = re.search(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", cell.source, re.MULTILINE)
        if match:
            rendered = MarkdownWithMath(renderer=IPythonRenderer(escape=False)).render(match.group(1))
            return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()
    return None


def publishable(nb, *, no_input, article, hidden_mime_types=()):
    """A copy of the executed notebook holding what the page shows, with its title in the metadata."""
    shown = copy.deepcopy(nb)
    hidden = set(hidden_mime_types)
    for cell in shown.cells:
        if "outputs" in cell:
            cell.outputs = [o for o in cell.outputs if not hidden.intersection(o.get("data", {}))]
    remover = TagRemovePreprocessor(
        remove_cell_tags={"remove-cell"} | ({ARTICLE_REMOVE_TAG} if article else set()),
        remove_input_tags={"remove-input"},
        remove_all_outputs_tags={"remove-output"},
        remove_single_output_tags={PROGRESS_OUTPUT_TAG} if article else set())
    shown, _ = remover.preprocess(shown, {})
    if no_input or article:
        shown.cells = [c for c in shown.cells if c.cell_type != "code" or c.get("outputs")]
    refuse_script_only_content(shown)
    title = first_heading(shown)
    if title:
        shown.metadata["title"] = title
    return shown


def _input_switches(no_input):
    # The same switches as `jupyter nbconvert --no-input`.
    return {"exclude_input": no_input, "exclude_input_prompt": no_input, "exclude_output_prompt": no_input}


def with_live_elements(nb, live_dir, script_tag):
    """A copy of nb whose live outputs are their HTML followed by script_tag(path of their script in live_dir)."""
    placed = copy.deepcopy(nb)
    for cell in placed.cells:
        for output in cell.get("outputs", []):
            element = output.get("data", {}).get(LIVE_MIME_TYPE)
            if element is None:
                continue
            script = os.path.normpath(os.path.join(live_dir, element["script"]))
            if not os.path.isfile(script):
                raise UnpublishableNotebook(f"the live element's script {element['script']} is missing; "
                                            "build it with `npm run build`")
            output.data = {"text/html": element["html"] + "\n" + script_tag(script)}
            output.metadata = {}
    return placed


def _inline_script(script):
    with open(script, encoding="utf-8") as file:
        code = file.read()
    if re.search(r"</script", code, re.IGNORECASE):
        raise UnpublishableNotebook(f"{os.path.basename(script)} contains </script and cannot be inlined")
    return f"<script>{code}</script>"


def export_html(nb, name, *, no_input, live_dir=None):
    """One self-contained HTML page: styles inline, charts as data: URLs, live elements' scripts inline."""
    if live_dir is not None:
        nb = with_live_elements(nb, live_dir, _inline_script)
    exporter = HTMLExporter(extra_template_basedirs=[TEMPLATES], template_name="publish_html",
                            **_input_switches(no_input))
    page, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    return page


def with_narrow_chart_files(nb, name, out_dir, written):
    """A copy of nb whose charts' narrow SVGs are written to <name>_files/, their paths in the output's metadata."""
    placed = copy.deepcopy(nb)
    count = 0
    for cell in placed.cells:
        for output in cell.get("outputs", []):
            narrow = output.get("data", {}).get(NARROW_CHART_MIME_TYPE)
            if narrow is None:
                continue
            count += 1
            relative = f"{name}_files/{name}_chart_{count}.narrow.svg"
            target = os.path.join(out_dir, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as file:
                file.write(narrow["svg"])
            written.append(target)
            output.metadata["narrow-chart"] = {"file": relative, "maxWidth": int(narrow["maxWidth"])}
    return placed


def export_markdown(nb, name, out_dir, *, no_input, live_dir=None):
    """Writes out_dir/<name>.md and its charts as out_dir/<name>_files/*.svg (and live elements' scripts); returns the paths written."""
    written = []
    if live_dir is not None:
        def script_tag(script):
            target = os.path.join(out_dir, f"{name}_files", os.path.basename(script))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(script, target)
            written.append(target)
            return f'<script src="{name}_files/{os.path.basename(script)}"></script>'
        nb = with_live_elements(nb, live_dir, script_tag)
    nb = with_narrow_chart_files(nb, name, out_dir, written)
    # Prose and tables as the notebook's Markdown (tables carry a text/markdown entry), charts as files.
    config = Config({"NbConvertBase": {"display_data_priority": [
        "text/markdown", "image/svg+xml", "image/png", "image/jpeg", "text/html", "text/plain"]}})
    exporter = MarkdownExporter(config=config, extra_template_basedirs=[TEMPLATES], template_name="publish_markdown",
                                **_input_switches(no_input))
    now = datetime.datetime.now(datetime.timezone.utc)
    resources = {
        "metadata": {"name": name},
        "unique_key": name,
        "output_files_dir": f"{name}_files",
        "front_matter": {"title": nb.metadata.get("title", name), "date": now.strftime("%Y-%m-%dT%H:%M:%SZ")},
    }
    markdown, resources = exporter.from_notebook_node(nb, resources=resources)
    for filename, data in resources.get("outputs", {}).items():
        target = os.path.join(out_dir, filename)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as file:
            file.write(data)
        written.append(target)
    os.makedirs(out_dir, exist_ok=True)
    page = os.path.join(out_dir, f"{name}.md")
    with open(page, "w", encoding="utf-8") as file:
        file.write(markdown)
    return [page, *written]
