/** The gentle signal at the end of a timer: two soft tones, made in the browser (no sound file). */
export function playChime(): void {
  const AudioContextClass = window.AudioContext
  if (!AudioContextClass) return
  try {
    const context = new AudioContextClass()
    const start = context.currentTime
    ;[660, 880].forEach((frequency, index) => {
      const oscillator = context.createOscillator()
      const gain = context.createGain()
      oscillator.type = 'sine'
      oscillator.frequency.value = frequency
      const at = start + index * 0.35
      gain.gain.setValueAtTime(0, at)
      gain.gain.linearRampToValueAtTime(0.15, at + 0.05)
      gain.gain.exponentialRampToValueAtTime(0.001, at + 0.6)
      oscillator.connect(gain).connect(context.destination)
      oscillator.start(at)
      oscillator.stop(at + 0.65)
    })
    setTimeout(() => void context.close(), 1500)
  } catch {
    // No audio (autoplay policy, no device): the visual signal remains.
  }
}
