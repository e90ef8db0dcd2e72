// train() yields to the event loop between epochs with Node's setImmediate, which a worker lacks.
const scope = globalThis as unknown as { setImmediate?: (callback: () => void) => void };
scope.setImmediate ??= (callback) => { setTimeout(callback, 0); };
export {};
