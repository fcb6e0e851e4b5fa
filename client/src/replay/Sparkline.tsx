/** The activity sparkline above the slider: updates per bucket as a filled SVG area, with the current moment as a line. */
import { sparklinePath, timeToFraction, type TimeRange } from './timeline-math'

const WIDTH = 1000
const HEIGHT = 36

interface SparklineProps {
  activity: readonly number[]
  bucketMs: number
  range: TimeRange
  time: number
  label: string
}

export function Sparkline({ activity, bucketMs, range, time, label }: SparklineProps) {
  const x = timeToFraction(time, range) * WIDTH
  return (
    <svg className="replay-sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={label} data-testid="replay-sparkline">
      <path d={sparklinePath(activity, bucketMs, range, WIDTH, HEIGHT)} className="replay-sparkline__area" />
      <line x1={x} x2={x} y1={0} y2={HEIGHT} className="replay-sparkline__cursor" vectorEffect="non-scaling-stroke" />
    </svg>
  )
}
