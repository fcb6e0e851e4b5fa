// Implemented in ./yjs-store-binding.ts (work in progress).
export {}
