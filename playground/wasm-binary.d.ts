/** WebAssembly binaries, bundled by scripts/build-playground.ts as data: URLs. */
declare module '*.wasm' {
  const dataUrl: string;
  export default dataUrl;
}
