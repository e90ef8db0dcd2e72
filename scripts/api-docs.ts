/**
 * The API reference, docs/API.md, generated from the TSDoc comments of what src/index.ts exports:
 * the flat core first, then one section per namespace (`lab.dense`, …); in each, functions,
 * classes, interfaces, types and values sorted by name. Signatures are printed as the source writes
 * them, so the file is the same on every machine (no paths, no dates). `npm run docs` writes it;
 * test/api-docs.test.ts checks that the committed file is up to date.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const projectRoot = path.resolve(__dirname, '..', '..');
export const apiDocsPath = path.join(projectRoot, 'docs', 'API.md');

export type EntryKind = 'function' | 'class' | 'interface' | 'type' | 'value';

/** One documented name: its place (`lab.train`, `lab.dense.sweep`), kind, signature and comment. */
export interface ApiEntry {
  /** As a notebook writes it, e.g. `lab.dense.sweep`. */
  qualifiedName: string;
  name: string;
  /** '' for the flat core, else the namespace's name. */
  namespace: string;
  kind: EntryKind;
  /** Signatures (one per overload; a class's constructor), or the declaration of a type. */
  signatures: string[];
  description: string;
  /** `@param name text`, `@returns text` and other tags, in source order. */
  tags: Array<{ name: string; text: string }>;
  /** Fields of an interface (or public properties of a class) with their comments. */
  members: Array<{ name: string; signature: string; description: string }>;
}

const kindOrder: EntryKind[] = ['function', 'class', 'interface', 'type', 'value'];
const kindHeading: Record<EntryKind, string> = {
  function: 'Functions', class: 'Classes', interface: 'Interfaces', type: 'Types', value: 'Values',
};

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const byName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : a < b ? -1 : a > b ? 1 : 0);

function createProgram(): ts.Program {
  const configPath = path.join(projectRoot, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, projectRoot);
  return ts.createProgram([path.join(projectRoot, 'src', 'index.ts')], { ...parsed.options, noEmit: true });
}

function tagText(tag: ts.JSDocTagInfo): string {
  return oneLine(ts.displayPartsToString(tag.text));
}

function describeSymbol(symbol: ts.Symbol, checker: ts.TypeChecker): { description: string; tags: ApiEntry['tags'] } {
  const description = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const tags = symbol.getJsDocTags(checker).map((tag) => ({ name: tag.name, text: tagText(tag) }));
  return { description, tags };
}

function parameterText(parameter: ts.ParameterDeclaration, checker: ts.TypeChecker): string {
  // A destructured parameter as TypeScript's quick info shows it: `{ rows, layerName }`.
  const name = ts.isIdentifier(parameter.name) ? parameter.name.text
    : ts.isObjectBindingPattern(parameter.name) ? `{ ${parameter.name.elements.map((e) => `${e.dotDotDotToken ? '...' : ''}${e.name.getText()}`).join(', ')} }`
      : `[${parameter.name.elements.map((e) => (ts.isOmittedExpression(e) ? '' : e.name.getText())).join(', ')}]`;
  const optional = parameter.questionToken !== undefined || parameter.initializer !== undefined;
  const type = parameter.type !== undefined
    ? oneLine(parameter.type.getText())
    : checker.typeToString(checker.getTypeAtLocation(parameter), parameter, ts.TypeFormatFlags.NoTruncation);
  return `${parameter.dotDotDotToken ? '...' : ''}${name}${optional ? '?' : ''}: ${type}`;
}

function typeParametersText(node: { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }): string {
  return node.typeParameters === undefined ? '' : `<${node.typeParameters.map((t) => oneLine(t.getText())).join(', ')}>`;
}

function functionSignature(name: string, declaration: ts.SignatureDeclaration, checker: ts.TypeChecker): string {
  const parameters = declaration.parameters.map((p) => parameterText(p, checker)).join(', ');
  let returns: string;
  if (declaration.type !== undefined) {
    returns = oneLine(declaration.type.getText());
  } else {
    const signature = checker.getSignatureFromDeclaration(declaration);
    returns = signature === undefined ? 'unknown'
      : checker.typeToString(checker.getReturnTypeOfSignature(signature), declaration, ts.TypeFormatFlags.NoTruncation);
  }
  return `${name}${typeParametersText(declaration)}(${parameters}): ${returns}`;
}

function memberList(members: ReadonlyArray<ts.TypeElement | ts.ClassElement>, checker: ts.TypeChecker): ApiEntry['members'] {
  const list: ApiEntry['members'] = [];
  for (const member of members) {
    if (member.name === undefined || ts.isConstructorDeclaration(member)) continue;
    const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) ?? [] : [];
    if (modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword)) continue;
    const name = member.name.getText();
    // Overridden tfjs Layer methods are the framework's, not this library's API.
    if (ts.isMethodDeclaration(member) && ts.isClassLike(member.parent)) continue;
    const symbol = checker.getSymbolAtLocation(member.name);
    const { description } = symbol === undefined ? { description: '' } : describeSymbol(symbol, checker);
    let signature: string;
    if (ts.isMethodSignature(member) || ts.isMethodDeclaration(member)) {
      signature = functionSignature(name, member, checker);
    } else if (ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) {
      const isStatic = ts.isPropertyDeclaration(member) && modifiers.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
      const readonly = modifiers.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
      const type = member.type !== undefined ? oneLine(member.type.getText())
        : checker.typeToString(checker.getTypeAtLocation(member), member, ts.TypeFormatFlags.NoTruncation);
      signature = `${isStatic ? 'static ' : ''}${readonly ? 'readonly ' : ''}${name}${member.questionToken ? '?' : ''}: ${type}`;
    } else {
      continue;
    }
    list.push({ name, signature, description });
  }
  return list;
}

function entryFor(name: string, namespace: string, symbol: ts.Symbol, checker: ts.TypeChecker): ApiEntry | undefined {
  const declaration = symbol.declarations?.[0];
  if (declaration === undefined) return undefined;
  const { description, tags } = describeSymbol(symbol, checker);
  const base = { qualifiedName: namespace === '' ? `lab.${name}` : `lab.${namespace}.${name}`, name, namespace, description, tags };
  if (ts.isFunctionDeclaration(declaration)) {
    const overloads = (symbol.declarations ?? []).filter(ts.isFunctionDeclaration);
    // With overloads, the implementation's signature is not callable from outside.
    const callable = overloads.length > 1 ? overloads.filter((d) => d.body === undefined) : overloads;
    return { ...base, kind: 'function', signatures: callable.map((d) => functionSignature(name, d, checker)), members: [] };
  }
  if (ts.isClassDeclaration(declaration)) {
    const constructors = declaration.members.filter(ts.isConstructorDeclaration);
    const heritage = (declaration.heritageClauses ?? []).map((h) => oneLine(h.getText())).join(' ');
    const signatures = [`class ${name}${typeParametersText(declaration)}${heritage === '' ? '' : ` ${heritage}`}`,
      ...constructors.map((c) => functionSignature(`new ${name}`, c, checker))];
    return { ...base, kind: 'class', signatures, members: memberList(declaration.members, checker) };
  }
  if (ts.isInterfaceDeclaration(declaration)) {
    const heritage = (declaration.heritageClauses ?? []).map((h) => oneLine(h.getText())).join(' ');
    return {
      ...base, kind: 'interface',
      signatures: [`interface ${name}${typeParametersText(declaration)}${heritage === '' ? '' : ` ${heritage}`}`],
      members: memberList(declaration.members, checker),
    };
  }
  if (ts.isTypeAliasDeclaration(declaration)) {
    const members = ts.isTypeLiteralNode(declaration.type) ? memberList(declaration.type.members, checker) : [];
    // `(typeof sequenceTasks)[number]` says nothing to a reader: show what it resolves to.
    const written = oneLine(declaration.type.getText());
    const resolved = /\btypeof\b/.test(written)
      ? checker.typeToString(checker.getTypeAtLocation(declaration.type), declaration, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias)
      : written;
    const shown = members.length > 0 ? '{ … }' : resolved;
    return { ...base, kind: 'type', signatures: [`type ${name}${typeParametersText(declaration)} = ${shown}`], members };
  }
  if (ts.isVariableDeclaration(declaration)) {
    const type = declaration.type !== undefined ? oneLine(declaration.type.getText())
      : checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, declaration), declaration, ts.TypeFormatFlags.NoTruncation);
    return { ...base, kind: 'value', signatures: [`const ${name}: ${type}`], members: [] };
  }
  return undefined;
}

/** Every name src/index.ts exports, namespaces walked one level deep, in a fixed order. */
export function collectApi(program: ts.Program = createProgram()): { entries: ApiEntry[]; namespaces: Array<{ name: string; description: string }> } {
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(path.join(projectRoot, 'src', 'index.ts'));
  if (index === undefined) throw new Error('src/index.ts is not in the program');
  const moduleSymbol = checker.getSymbolAtLocation(index);
  if (moduleSymbol === undefined) throw new Error('src/index.ts is not a module');
  const entries: ApiEntry[] = [];
  const namespaces: Array<{ name: string; description: string }> = [];
  const resolve = (symbol: ts.Symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const target = resolve(exported);
    const moduleDeclaration = target.declarations?.find(ts.isSourceFile);
    if (moduleDeclaration !== undefined) {
      // `export * as dense from './studies/dense'`: the namespace's comment is its index file's first comment.
      namespaces.push({ name: exported.name, description: fileComment(moduleDeclaration) });
      for (const inner of checker.getExportsOfModule(target)) {
        const entry = entryFor(inner.name, exported.name, resolve(inner), checker);
        if (entry !== undefined) entries.push(entry);
      }
      continue;
    }
    const entry = entryFor(exported.name, '', target, checker);
    if (entry !== undefined) entries.push(entry);
  }
  entries.sort((a, b) => byName(a.namespace, b.namespace) || kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || byName(a.name, b.name));
  namespaces.sort((a, b) => byName(a.name, b.name));
  return { entries, namespaces };
}

/** The text of a file's leading `/** … *\/` comment, without its stars. */
function fileComment(file: ts.SourceFile): string {
  const match = /^\s*\/\*\*([\s\S]*?)\*\//.exec(file.text);
  if (match === null) return '';
  return match[1].split('\n').map((line) => line.replace(/^\s*\* ?/, '').trimEnd()).join('\n').trim();
}

const anchor = (qualifiedName: string) => qualifiedName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function renderEntry(entry: ApiEntry): string {
  const lines = [`#### \`${entry.qualifiedName}\``, '', '```ts', ...entry.signatures, '```', ''];
  if (entry.description !== '') lines.push(entry.description, '');
  const params = entry.tags.filter((t) => t.name === 'param');
  if (params.length > 0) {
    lines.push('Parameters:', '');
    for (const { text } of params) {
      const [, name, rest] = /^(\S+)\s*(?:-\s*)?([\s\S]*)$/.exec(text) ?? [, text, ''];
      lines.push(`- \`${name}\`${rest === '' ? '' : ` — ${rest}`}`);
    }
    lines.push('');
  }
  for (const tag of entry.tags) {
    if (tag.name === 'param') continue;
    const label = tag.name === 'returns' || tag.name === 'return' ? 'Returns' : tag.name === 'throws' ? 'Throws' : `@${tag.name}`;
    lines.push(`${label}: ${tag.text}`, '');
  }
  if (entry.members.length > 0) {
    lines.push('| member | description |', '|---|---|');
    for (const member of entry.members) {
      lines.push(`| \`${member.signature.replace(/\|/g, '\\|')}\` | ${oneLine(member.description).replace(/\|/g, '\\|')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** docs/API.md's text, from the program's current sources. */
export function renderApiDocs(api = collectApi()): string {
  const sections = [{ name: '', title: 'Core: `lab.*`', description: 'What two or more notebooks share, imported as `import * as lab from \'../build/src\'`.' },
    ...api.namespaces.map((ns) => ({ name: ns.name, title: `\`lab.${ns.name}\``, description: ns.description }))];
  const out = [
    '# API reference',
    '',
    '<!-- Generated by `npm run docs` (scripts/api-docs.ts) from the TSDoc comments in src/. Do not edit by hand. -->',
    '',
    'Everything `src/index.ts` exports, as a notebook reads it after `import * as lab from \'../build/src\'`.',
    'The same comments are what Shift+Tab shows in JupyterLab.',
    '',
    ...sections.map((s) => `- [${s.title}](#${anchor(s.name === '' ? 'core' : `lab.${s.name}`)})`),
    '',
  ];
  for (const section of sections) {
    out.push(`## ${section.title}`, '', `<a id="${anchor(section.name === '' ? 'core' : `lab.${section.name}`)}"></a>`, '');
    if (section.description !== '') out.push(section.description, '');
    const inSection = api.entries.filter((e) => e.namespace === section.name);
    for (const kind of kindOrder) {
      const ofKind = inSection.filter((e) => e.kind === kind);
      if (ofKind.length === 0) continue;
      out.push(`### ${section.name === '' ? '' : `lab.${section.name}: `}${kindHeading[kind]}`, '');
      for (const entry of ofKind) out.push(renderEntry(entry));
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

if (require.main === module) {
  const api = collectApi();
  fs.writeFileSync(apiDocsPath, renderApiDocs(api));
  const undocumented = api.entries.filter((e) => e.description === '').map((e) => e.qualifiedName);
  console.log(`wrote ${path.relative(projectRoot, apiDocsPath)}: ${api.entries.length} names`
    + (undocumented.length > 0 ? `; without a description: ${undocumented.join(', ')}` : ''));
}
