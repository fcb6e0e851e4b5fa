/** Exports and imports of a board: `.tldr` files, plain text of shapes and the results record (Markdown, CSV, JSON). */
export * from './tldr-file.js'
export * from './rich-text.js'
export * from './reading-order.js'
export * from './results-labels.js'
export * from './results-record.js'
export * from './results-markdown.js'
export * from './results-csv.js'
export * from './results-json.js'
