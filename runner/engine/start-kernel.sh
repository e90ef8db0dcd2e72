#!/bin/sh
# The kernelspec's command (scripts/setup.ts): start-kernel.sh NODE SNAPSHOT KERNEL_SCRIPT ARGS...
# Starts the tslab kernel from the compiler snapshot (runner/engine/compiler-snapshot) where node
# can load it. Node refuses a snapshot built under other V8 flags (any NODE_OPTIONS may carry some)
# or by another node binary, and the kernel would not start at all: then it starts without.
# exec keeps one process, which Jupyter signals and whose group the CLI ends.
node=$1
snapshot=$2
shift 2
if [ -z "${NODE_OPTIONS:-}" ] && [ -f "$snapshot" ] && [ "$snapshot" -nt "$node" ]; then
  exec "$node" --snapshot-blob "$snapshot" "$@"
fi
exec "$node" "$@"
