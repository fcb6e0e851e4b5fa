/** Fills `{name}` placeholders of a catalogue string ("Rahmen {done} von {total}"); unknown placeholders stay as written. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(values, key) ? String(values[key]) : whole))
}
