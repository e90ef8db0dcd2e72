"""Execute one notebook with nbclient and write it, cleaned for publishing, as .ipynb and .html or .md.

The Jupyter half of `attention-lab export` (runner/engine/execute-notebook.ts); run with the project's
Jupyter Python. The notebook, already carrying its injected parameters, arrives on stdin.

Exit status 0: every file written. 3: a cell failed; stdout holds one JSON object describing it
and nothing is written. 4: the notebook cannot be published (publish.py says why, on stderr).
5: the kernel died (e.g. out of memory; its last words are on stderr). Anything else: an
unexpected failure, reported on stderr. Progress and the kernel's process group go to the CLI as
events (export_events.py).
"""
import argparse
import concurrent.futures
import json
import os
import re
import sys

# jsonschema (under nbformat) imports rfc3987_syntax when it is installed (JupyterLab's jupyter-events
# brings it), and that module builds a parser at import: 1.5 s of every export's start. It only
# checks "iri" formats, which notebook validation never uses; None makes its import fail, and
# jsonschema then goes without it.
sys.modules["rfc3987_syntax"] = None

import nbformat  # noqa: E402
from nbclient.exceptions import CellExecutionError, DeadKernelError  # noqa: E402

import export_events  # noqa: E402
from kernel_ready import PromptNotebookClient  # noqa: E402


def import_publishing():
    import publish
    from nbconvert.filters import strip_ansi
    return publish, strip_ansi


# nbconvert is needed only once the cells have run: imported on a thread while the kernel starts
# rather than before it (0.4 s of every export's start).
publishing = concurrent.futures.ThreadPoolExecutor(max_workers=1).submit(import_publishing)


def strip_ansi(text):
    return publishing.result()[1](text)


CELL_FAILED = 3
UNPUBLISHABLE = 4
KERNEL_DIED = 5


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", required=True, help="kernelspec name")
    parser.add_argument("--cwd", required=True, help="the kernel's working directory")
    parser.add_argument("--ipynb", required=True, help="where to write the executed notebook")
    parser.add_argument("--html", help="where to write the HTML export")
    parser.add_argument("--markdown", metavar="DIR", help="write DIR/<name>.md and DIR/<name>_files/")
    parser.add_argument("--no-input", action="store_true", help="leave code cells out of the exports")
    parser.add_argument("--article", action="store_true",
                        help="--no-input, and leave out what only a notebook user needs (see publish.py)")
    parser.add_argument("--article-html", help="where to write the article form of the same run as HTML as well")
    parser.add_argument("--live", action="store_true",
                        help="put live elements (with their scripts) into the pages")
    parser.add_argument("--hide-mime", action="append", default=[],
                        help="drop outputs carrying this MIME type from the exports")
    parser.add_argument("--relabel", action="append", default=[], metavar="PATH=TEXT",
                        help="write TEXT (which has no \"=\") in place of the absolute PATH in outputs")
    parser.add_argument("--events-fd", type=int, help="file descriptor for progress events")
    parser.add_argument("--staging-dir", help="the export's staging folder, removed if the CLI dies first")
    return parser.parse_args()


def execute(nb, kernel, cwd, events, staging_dir):
    """Run every cell; on a cell error, exit with a JSON description of the failing cell."""
    failed = {}

    def remember_failure(cell, cell_index, execute_reply):
        failed["cell_index"] = cell_index

    client = PromptNotebookClient(nb, kernel_name=kernel, resources={"metadata": {"path": cwd}},
                            on_cell_error=remember_failure)
    export_events.attach(client, events)
    export_events.start_lifeline(client, staging_dir)
    try:
        client.execute()
    except DeadKernelError:
        sys.exit(KERNEL_DIED)
    except CellExecutionError as error:
        cell = nb.cells[failed["cell_index"]]
        # tslab reports errors as stderr text with an empty `error` reply, so send both.
        stderr = "".join(o.get("text", "") for o in cell.outputs
                         if o.output_type == "stream" and o.name == "stderr")
        # The last line of stdout: the kernel shares this process's stdout.
        print(json.dumps({"cellIndex": failed["cell_index"], "stderr": strip_ansi(stderr),
                          "ename": error.ename, "evalue": strip_ansi(error.evalue)}))
        sys.exit(CELL_FAILED)


def path_pattern(path):
    # Only whole paths: /work/main must not match inside /work/mainline.
    return re.compile(re.escape(path) + r"(?![\w.-])")


def relabel_paths(text, relabels):
    for pattern, label in relabels:
        text = pattern.sub(lambda _: label, text)
    return text


def clean_value(value, relabels):
    if isinstance(value, str):
        return relabel_paths(value, relabels)
    if isinstance(value, list):
        return [clean_value(item, relabels) for item in value]
    if isinstance(value, dict):
        return {key: clean_value(item, relabels) for key, item in value.items()}
    return value


def is_base64(mime):
    return (mime.startswith("image/") and mime != "image/svg+xml") or mime == "application/pdf"


def clean_outputs(nb, relabels):
    """Strip terminal colours from streams and errors; relabel this machine's paths everywhere."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                output.text = relabel_paths(strip_ansi(output.text), relabels)
            elif output.output_type == "error":
                output.evalue = relabel_paths(strip_ansi(output.evalue), relabels)
                output.traceback = [relabel_paths(strip_ansi(line), relabels) for line in output.traceback]
            elif "data" in output:
                for mime, value in output.data.items():
                    if not is_base64(mime):
                        output.data[mime] = clean_value(value, relabels)


def main():
    args = parse_arguments()
    nb = nbformat.read(sys.stdin, as_version=4)
    execute(nb, args.kernel, args.cwd, export_events.EventWriter(args.events_fd), args.staging_dir)

    # Longest paths first, so that a folder inside the project wins over the project itself.
    pairs = sorted((entry.rsplit("=", 1) for entry in args.relabel), key=lambda pair: -len(pair[0]))
    clean_outputs(nb, [(path_pattern(path), label) for path, label in pairs])
    nbformat.write(nb, args.ipynb)

    name = os.path.splitext(os.path.basename(args.ipynb))[0]
    no_input = args.no_input or args.article
    # Live elements name their scripts relative to the notebook's folder, the kernel's working directory.
    live_dir = args.cwd if args.live else None
    publish = publishing.result()[0]
    try:
        shown = publish.publishable(nb, no_input=no_input, article=args.article, hidden_mime_types=args.hide_mime)
        if args.html:
            page = publish.export_html(shown, name, no_input=no_input, live_dir=live_dir)
            with open(args.html, "w", encoding="utf-8") as file:
                file.write(page)
        if args.markdown:
            publish.export_markdown(shown, name, args.markdown, no_input=no_input, live_dir=live_dir)
        if args.article_html:
            article = publish.publishable(nb, no_input=True, article=True, hidden_mime_types=args.hide_mime)
            page = publish.export_html(article, name, no_input=True, live_dir=live_dir)
            with open(args.article_html, "w", encoding="utf-8") as file:
                file.write(page)
    except publish.UnpublishableNotebook as error:
        print(error, file=sys.stderr)
        sys.exit(UNPUBLISHABLE)


if __name__ == "__main__":
    main()
