/**
 * The timeline bar: activity sparkline, slider across the session with snapshot markers (click to
 * jump), play/pause, speeds, steps to the previous/next change, and the moment as wall-clock time.
 */
import { useLanguage } from '../i18n/language'
import type { SnapshotMarker } from './history-view'
import { Sparkline } from './Sparkline'
import { formatMoment } from './moment-format'
import { PLAYBACK_SPEEDS, type PlaybackSpeed, type TimeRange } from './timeline-math'
import { useWorkshopTimeZone } from '../i18n/time-zone'

interface TimelineProps {
  range: TimeRange
  step: number
  time: number
  pending: boolean
  activity: readonly number[]
  bucketMs: number
  markers: readonly SnapshotMarker[]
  playing: boolean
  speed: PlaybackSpeed
  stepNotice: string | null
  onSeek: (at: number, immediate: boolean) => void
  onTogglePlay: () => void
  onSpeed: (speed: PlaybackSpeed) => void
  onStep: (direction: 'previous' | 'next') => void
}

export function Timeline(props: TimelineProps) {
  const { range, step, time, markers, playing, speed } = props
  const { language, messages } = useLanguage()
  const timeZone = useWorkshopTimeZone()
  const clock = formatMoment(time, language, timeZone)
  const span = Math.max(0, range.to - range.from)
  const sliderMax = Math.ceil(span / step) * step

  return (
    <section className="replay-timeline" aria-label={messages.replayTimeline}>
      <div className="replay-timeline__controls">
        <button
          type="button"
          className="replay-timeline__play"
          data-testid="replay-play"
          data-playing={playing}
          aria-label={playing ? messages.replayPause : messages.replayPlay}
          onClick={props.onTogglePlay}
        >
          <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? messages.replayPause : messages.replayPlay}
        </button>
        <div className="replay-timeline__speeds" role="group" aria-label={messages.replaySpeed}>
          {PLAYBACK_SPEEDS.map((option) => (
            <button
              key={option}
              type="button"
              className={option === speed ? undefined : 'secondary'}
              aria-pressed={option === speed}
              data-testid={`replay-speed-${option}`}
              onClick={() => props.onSpeed(option)}
            >
              {option}×
            </button>
          ))}
        </div>
        <div className="replay-timeline__steps">
          <button type="button" className="secondary" data-testid="replay-step-previous" title={messages.replayStepPrevious} onClick={() => props.onStep('previous')}>
            <span aria-hidden="true">«</span> {messages.replayStepPrevious}
          </button>
          <button type="button" className="secondary" data-testid="replay-step-next" title={messages.replayStepNext} onClick={() => props.onStep('next')}>
            {messages.replayStepNext} <span aria-hidden="true">»</span>
          </button>
        </div>
        <output className="replay-timeline__time" data-testid="replay-time" data-time={Math.round(time)} data-pending={props.pending} aria-live="off">
          <span className="visually-hidden">{messages.replayMomentShown}: </span>
          <strong>{clock.time}</strong> <span className="replay-timeline__date">{clock.date}</span>
          {props.pending && <span className="replay-timeline__pending" aria-label={messages.replayLoadingMoment} />}
        </output>
      </div>
      {props.stepNotice && (
        <p className="hint replay-timeline__notice" role="status">
          {props.stepNotice}
        </p>
      )}
      <div className="replay-timeline__track">
        <Sparkline activity={props.activity} bucketMs={props.bucketMs} range={range} time={time} label={messages.replayActivity} />
        <input
          type="range"
          className="replay-timeline__slider"
          data-testid="replay-slider"
          data-from={range.from}
          data-to={range.to}
          aria-label={messages.replayMomentShown}
          aria-valuetext={`${clock.time} ${clock.date}`}
          min={0}
          max={sliderMax}
          step={step}
          value={Math.round(time - range.from)}
          onChange={(event) => props.onSeek(Math.min(range.to, range.from + Number(event.target.value)), false)}
        />
        <div className="replay-timeline__markers" aria-label={messages.replaySnapshotMarkers}>
          {markers.map((marker) => (
            <button
              key={marker.snapshot.id}
              type="button"
              className="replay-marker"
              data-testid="replay-marker"
              data-snapshot-id={marker.snapshot.id}
              data-kind={marker.snapshot.kind}
              data-edge={marker.position < 0.08 ? 'start' : marker.position > 0.92 ? 'end' : undefined}
              style={{ left: `${marker.position * 100}%` }}
              title={`${marker.snapshot.label} · ${formatMoment(marker.at, language, timeZone).time}`}
              aria-label={`${messages.replayJumpToSnapshot} ${marker.snapshot.label}`}
              onClick={() => props.onSeek(marker.at, true)}
            >
              <span className="replay-marker__label">{marker.snapshot.label}</span>
            </button>
          ))}
        </div>
      </div>
    </section>
  )
}
