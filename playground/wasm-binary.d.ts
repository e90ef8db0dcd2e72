/** WebAssembly binaries, bundled by scripts/build-playground.ts as the base64 of their gzip. */
declare module '*.wasm' {
  const gzippedBase64: string;
  export default gzippedBase64;
}
