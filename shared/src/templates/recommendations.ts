/**
 * Template "Handlungsempfehlungen" (recommendations): an impact × feasibility matrix (2 × 2 quadrants
 * with axis labels) to sort recommendations, an example note, and a "Shortlist" frame for the top ones.
 */
import { FRAME_TITLE_CLEARANCE } from './template-legibility.js'
import type { GeoElement, TemplateElement, TemplateText, TextElement, WorkshopTemplate } from './template-types.js'

/** The intro's bottom edge (the example note right of it ends higher); the frames' titles go below it. */
const INTRO_BOTTOM = 210
/** Top edge of both frames, one title clearance below the intro so their titles do not touch it. */
const FRAMES_TOP = INTRO_BOTTOM + FRAME_TITLE_CLEARANCE
const QUADRANT_W = 500
const QUADRANT_H = 420
const MATRIX_LEFT = 200
const MATRIX_TOP = FRAMES_TOP + 30
const GAP = 20

/** A quadrant of the matrix at (`column`: 0 easy, 1 hard; `row`: 0 high impact, 1 low impact). */
function quadrant(key: string, column: number, row: number, color: GeoElement['color'], text: TemplateText): GeoElement {
  return {
    kind: 'geo',
    key,
    parent: 'matrix',
    x: MATRIX_LEFT + column * (QUADRANT_W + GAP),
    y: MATRIX_TOP + row * (QUADRANT_H + GAP),
    w: QUADRANT_W,
    h: QUADRANT_H,
    color,
    size: 'm',
    align: 'start',
    verticalAlign: 'start',
    text,
  }
}

/** An axis label inside the matrix frame. */
function axisLabel(key: string, box: { x: number; y: number; w: number; h: number }, align: TextElement['align'], text: TemplateText): TextElement {
  return { kind: 'text', key, parent: 'matrix', ...box, size: 'm', align, text }
}

const MATRIX: readonly TemplateElement[] = [
  { kind: 'frame', key: 'matrix', x: 0, y: FRAMES_TOP, w: 1240, h: 980, text: { de: 'Wirkung × Umsetzbarkeit', en: 'Impact × feasibility' } },
  quadrant('quick-wins', 0, 0, 'green', {
    de: 'Schnelle Erfolge\nhohe Wirkung, leicht umsetzbar',
    en: 'Quick wins\nhigh impact, easy to implement',
  }),
  quadrant('major-projects', 1, 0, 'blue', {
    de: 'Große Vorhaben\nhohe Wirkung, schwer umsetzbar',
    en: 'Major projects\nhigh impact, hard to implement',
  }),
  quadrant('fill-ins', 0, 1, 'yellow', {
    de: 'Nebenbei mitnehmen\ngeringe Wirkung, leicht umsetzbar',
    en: 'Fill-ins\nlow impact, easy to implement',
  }),
  quadrant('deprioritise', 1, 1, 'grey', {
    de: 'Zurückstellen\ngeringe Wirkung, schwer umsetzbar',
    en: 'Set aside\nlow impact, hard to implement',
  }),
  axisLabel('axis-impact-high', { x: 20, y: FRAMES_TOP + 210, w: 160, h: 70 }, 'end', { de: 'Wirkung:\nhoch', en: 'Impact:\nhigh' }),
  axisLabel('axis-impact-low', { x: 20, y: FRAMES_TOP + 650, w: 160, h: 70 }, 'end', { de: 'Wirkung:\nniedrig', en: 'Impact:\nlow' }),
  axisLabel('axis-feasibility-easy', { x: MATRIX_LEFT, y: FRAMES_TOP + 910, w: QUADRANT_W, h: 50 }, 'middle', {
    de: 'Umsetzbarkeit: leicht',
    en: 'Feasibility: easy',
  }),
  axisLabel('axis-feasibility-hard', { x: MATRIX_LEFT + QUADRANT_W + GAP, y: FRAMES_TOP + 910, w: QUADRANT_W, h: 50 }, 'middle', {
    de: 'Umsetzbarkeit: schwer',
    en: 'Feasibility: hard',
  }),
]

/** The recommendations board: collect, sort by impact and feasibility, pick a shortlist. */
export const recommendationsTemplate: WorkshopTemplate = {
  id: 'recommendations',
  title: { de: 'Handlungsempfehlungen', en: 'Recommendations' },
  description: {
    de: 'Empfehlungen sammeln, nach Wirkung und Umsetzbarkeit einordnen und die wichtigsten in einer Shortlist festhalten.',
    en: 'Collect recommendations, sort them by impact and feasibility and keep the most important ones on a shortlist.',
  },
  elements: [
    { kind: 'text', key: 'title', x: 0, y: 0, w: 1200, h: 60, size: 'xl', text: { de: 'Handlungsempfehlungen', en: 'Recommendations' } },
    {
      kind: 'text',
      key: 'intro',
      x: 0,
      y: 80,
      w: 1200,
      h: INTRO_BOTTOM - 80,
      size: 'm',
      color: 'grey',
      text: {
        de: 'Was empfehlen Sie anderen Kommunen und Akteuren? Schreiben Sie jede Empfehlung auf einen Zettel und ordnen Sie sie nach Wirkung und Umsetzbarkeit ein.',
        en: 'What do you recommend to other municipalities and actors? Write each recommendation on a sticky note and sort it by impact and feasibility.',
        byField: {
          zentrenentwicklung: {
            de: 'Was empfehlen Sie anderen Städten für lebendige Innenstädte – etwa gegen Leerstand und für aktive Erdgeschosszonen? Eine Empfehlung pro Zettel, dann nach Wirkung und Umsetzbarkeit einordnen.',
            en: 'What do you recommend to other cities for lively city centres – e.g. against vacancies and for active ground floors? One recommendation per note, then sort by impact and feasibility.',
          },
          quartiersentwicklung: {
            de: 'Was empfehlen Sie anderen Quartieren – etwa für starke Nachbarschaften und wirksames Quartiersmanagement? Eine Empfehlung pro Zettel, dann nach Wirkung und Umsetzbarkeit einordnen.',
            en: 'What do you recommend to other neighbourhoods – e.g. for strong communities and effective neighbourhood management? One recommendation per note, then sort by impact and feasibility.',
          },
          'klein-mittelstaedte': {
            de: 'Was empfehlen Sie anderen Klein- und Mittelstädten im ländlichen Raum – etwa für einen lebendigen Ortskern und die Daseinsvorsorge? Eine Empfehlung pro Zettel, dann nach Wirkung und Umsetzbarkeit einordnen.',
            en: 'What do you recommend to other small and medium-sized towns in rural areas – e.g. for a lively town centre and basic services? One recommendation per note, then sort by impact and feasibility.',
          },
        },
      },
    },
    // The example note keeps every word shorter than a note line at size 's' (see template-text-fit.test.ts):
    // tldraw would otherwise break long German compounds letter by letter.
    {
      kind: 'note',
      key: 'example',
      x: 1300,
      y: 0,
      size: 's',
      color: 'yellow',
      text: {
        de: 'Beispiel: Eine feste Ansprechperson in der Verwaltung für Initiativen benennen',
        en: 'Example: name one permanent contact person in the administration for initiatives',
        byField: {
          zentrenentwicklung: {
            de: 'Beispiel: Leer stehende Läden befristet für neue Nutzungen öffnen',
            en: 'Example: open vacant ground-floor shops for temporary uses',
          },
          quartiersentwicklung: {
            de: 'Beispiel: Einen Verfügungsfonds für Projekte der Nachbarschaft einrichten',
            en: 'Example: set up a neighbourhood fund for local community projects',
          },
          'klein-mittelstaedte': {
            de: 'Beispiel: Einen Dorfladen im Ortskern als Ort der Daseinsvorsorge und Begegnung fördern',
            en: 'Example: support a village shop in the town centre as a place for basic services and encounters',
          },
        },
      },
    },
    ...MATRIX,
    { kind: 'frame', key: 'shortlist', x: 1280, y: FRAMES_TOP, w: 520, h: 980, text: { de: 'Shortlist', en: 'Shortlist' } },
    {
      kind: 'text',
      key: 'shortlist-prompt',
      parent: 'shortlist',
      x: 1304,
      y: FRAMES_TOP + 24,
      w: 472,
      h: 230,
      size: 'm',
      color: 'grey',
      text: {
        de: 'Welche 3–5 Empfehlungen sind am wichtigsten? Ziehen Sie sie hierher und notieren Sie, wer sie umsetzen kann.',
        en: 'Which 3–5 recommendations matter most? Drag them here and note who can implement them.',
        byField: {
          zentrenentwicklung: {
            de: 'Welche 3–5 Empfehlungen sind für die Innenstadt am wichtigsten? Ziehen Sie sie hierher und notieren Sie, wer sie umsetzen kann – Verwaltung, Citymanagement, Eigentümer:innen?',
            en: 'Which 3–5 recommendations matter most for the city centre? Drag them here and note who can implement them – administration, city-centre management, owners?',
          },
          quartiersentwicklung: {
            de: 'Welche 3–5 Empfehlungen sind für das Quartier am wichtigsten? Ziehen Sie sie hierher und notieren Sie, wer sie umsetzen kann – Quartiersmanagement, Wohnungsunternehmen, Nachbarschaft?',
            en: 'Which 3–5 recommendations matter most for the neighbourhood? Drag them here and note who can implement them – neighbourhood management, housing companies, neighbours?',
          },
          'klein-mittelstaedte': {
            de: 'Welche 3–5 Empfehlungen sind für den Ort am wichtigsten? Ziehen Sie sie hierher und notieren Sie, wer sie umsetzen kann – Verwaltung, Vereine, Ehrenamt?',
            en: 'Which 3–5 recommendations matter most for the town? Drag them here and note who can implement them – administration, associations, volunteers?',
          },
        },
      },
    },
  ],
}
