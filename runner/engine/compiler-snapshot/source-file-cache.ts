/**
 * Parsed and bound declaration files kept in the kernel's start-up snapshot, handed back to the
 * compiler when it asks to parse the same file again. Loaded inside the snapshot builder, which
 * can require Node's built-in modules only: this module requires none.
 */
import type * as ts from '@tslab/typescript-for-tslab';

type CreateOptions = Parameters<typeof ts.createSourceFile>[2];
type Parse = (fileName: string, text: string, options: CreateOptions, setParentNodes?: boolean, scriptKind?: ts.ScriptKind) => ts.SourceFile;

export interface CacheReport {
  /** Declaration files handed back from the snapshot. */
  reused: number;
  /** Files parsed here by programs that could reuse: new, or changed since the snapshot. */
  parsed: number;
}

interface OptionDeclaration { name: string }

// Module resolution settings decide which files are read, never what a parsed file holds; they
// name the notebook's own folder, so a kernel started elsewhere would otherwise reuse nothing.
const pathSettings = new Set(['typeRoots', 'baseUrl', 'paths', 'rootDirs']);

/** The settings a parsed and bound file depends on, from the compiler's own list of them. */
function settingsKey(options: ts.CompilerOptions, affecting: readonly OptionDeclaration[]): string {
  return JSON.stringify(affecting.filter(({ name }) => !pathSettings.has(name)).map(({ name }) => [name, options[name] ?? null]));
}

function createKey(options: CreateOptions, setParentNodes: boolean | undefined, scriptKind: ts.ScriptKind | undefined): string {
  const { languageVersion, impliedNodeFormat } = typeof options === 'object' ? options : { languageVersion: options, impliedNodeFormat: undefined };
  return `${languageVersion}/${impliedNodeFormat}/${setParentNodes === true}/${scriptKind}`;
}

/**
 * Records the declaration files one program parses and binds (in the snapshot builder), then
 * (in the kernel) hands each back to programs with the same settings while its text is unchanged.
 * Other programs (tslab transpiles every cell through one of its own) parse as usual.
 */
export class SourceFileCache {
  private readonly files = new Map<string, { key: string; file: ts.SourceFile }>();
  private recording = true;
  private settings: string | undefined;
  private reuseInThisProgram = false;
  private reused = 0;
  private parsed = 0;

  /** Called by the compiler as each program starts, before it parses anything. */
  programStarts(options: ts.CompilerOptions, affecting: readonly OptionDeclaration[]): void {
    const key = settingsKey(options, affecting);
    if (this.recording) this.settings ??= key;
    this.reuseInThisProgram = !this.recording && key === this.settings;
  }

  /** Called for every file the compiler parses, in place of its parser. */
  provide(parse: Parse, fileName: string, text: string, options: CreateOptions, setParentNodes?: boolean, scriptKind?: ts.ScriptKind): ts.SourceFile {
    const key = createKey(options, setParentNodes, scriptKind);
    if (this.recording) {
      const file = parse(fileName, text, options, setParentNodes, scriptKind);
      if (file.isDeclarationFile) this.files.set(fileName, { key, file });
      return file;
    }
    if (!this.reuseInThisProgram) return parse(fileName, text, options, setParentNodes, scriptKind);
    const kept = this.files.get(fileName);
    if (kept !== undefined && kept.key === key && kept.file.text === text) {
      this.reused += 1;
      return kept.file;
    }
    this.parsed += 1;
    return parse(fileName, text, options, setParentNodes, scriptKind);
  }

  /** Ends recording: what was parsed so far is what the snapshot keeps. */
  keep(): number {
    this.recording = false;
    return this.files.size;
  }

  report(): CacheReport {
    return { reused: this.reused, parsed: this.parsed };
  }
}
