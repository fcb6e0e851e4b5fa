/** Small statistics helpers. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

export function summarize(samples: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = Float64Array.from(samples).sort()
  const arr = Array.from(sorted)
  return { n: arr.length, p50: percentile(arr, 50), p95: percentile(arr, 95), p99: percentile(arr, 99), max: arr.length ? arr[arr.length - 1]! : NaN }
}

export function median(values: number[]): number {
  const finite = values.filter((v) => Number.isFinite(v))
  return finite.length ? percentile([...finite].sort((a, b) => a - b), 50) : NaN
}
