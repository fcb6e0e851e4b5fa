/** Facilitation: the shared state of the `facilitation` map, timer arithmetic and vote counting. */
export * from './state.js'
export * from './timer.js'
export * from './votes.js'
