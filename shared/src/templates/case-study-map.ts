/**
 * Template "Fallbeispiel-Steckbrief" (case-study map): six frames in a 3 × 2 grid, from the initial
 * situation to open questions, each with a guiding prompt that names the field of action's themes.
 */
import { FRAME_TITLE_CLEARANCE } from './template-legibility.js'
import type { FrameElement, TemplateElement, TemplateText, TextElement, WorkshopTemplate } from './template-types.js'

const FRAME_W = 560
const FRAME_H = 440
const COLUMN_GAP = 40
/** The subtitle's bottom edge; the first row's titles go below it. */
const SUBTITLE_BOTTOM = 130
/** Each row of frames starts one title clearance below what is above it, so no title touches it. */
const TOP = SUBTITLE_BOTTOM + FRAME_TITLE_CLEARANCE
const ROW_GAP = FRAME_TITLE_CLEARANCE
const PADDING = 24

/** A frame at grid cell (`column`, `row`) with its guiding prompt at the top. */
function section(key: string, column: number, row: number, name: TemplateText, prompt: TemplateText): TemplateElement[] {
  const x = column * (FRAME_W + COLUMN_GAP)
  const y = TOP + row * (FRAME_H + ROW_GAP)
  const frame: FrameElement = { kind: 'frame', key, x, y, w: FRAME_W, h: FRAME_H, text: name }
  const text: TextElement = {
    kind: 'text',
    key: `${key}-prompt`,
    parent: key,
    x: x + PADDING,
    y: y + PADDING,
    w: FRAME_W - 2 * PADDING,
    h: 170,
    size: 'm',
    color: 'grey',
    text: prompt,
  }
  return [frame, text]
}

/** The case-study map: Ausgangslage, Akteure, Ansatz / Vorgehen, Wirkung, Übertragbarkeit, Offene Fragen. */
export const caseStudyMapTemplate: WorkshopTemplate = {
  id: 'case-study-map',
  title: { de: 'Fallbeispiel-Steckbrief', en: 'Case study profile' },
  description: {
    de: 'Ein Fallbeispiel Schritt für Schritt erfassen: Ausgangslage, Akteure, Vorgehen, Wirkung, Übertragbarkeit und offene Fragen.',
    en: 'Capture a case study step by step: initial situation, actors, approach, impact, transferability and open questions.',
  },
  elements: [
    {
      kind: 'text',
      key: 'title',
      x: 0,
      y: 0,
      w: 1760,
      h: 60,
      size: 'xl',
      text: { de: 'Fallbeispiel-Steckbrief', en: 'Case study profile' },
    },
    {
      kind: 'text',
      key: 'subtitle',
      x: 0,
      y: 80,
      w: 1760,
      h: SUBTITLE_BOTTOM - 80,
      size: 'm',
      color: 'grey',
      text: {
        de: 'Fallbeispiel, Ort, Laufzeit: … – Halten Sie Stichpunkte auf Zetteln in den Feldern fest.',
        en: 'Case study, place, duration: … – Note key points on sticky notes in the frames.',
      },
    },
    ...section(
      'situation',
      0,
      0,
      { de: 'Ausgangslage', en: 'Initial situation' },
      {
        de: 'Welche Situation fanden Sie vor? Welche Probleme und Potenziale gab es?',
        en: 'What situation did you find? What problems and potentials were there?',
        byField: {
          zentrenentwicklung: {
            de: 'Wie war die Lage in der Innenstadt? Gab es Leerstand, ungenutzte Erdgeschosszonen, sinkende Frequenz – und welche Potenziale?',
            en: 'What was the situation in the city centre? Were there vacancies, unused ground floors, falling footfall – and what potentials?',
          },
          quartiersentwicklung: {
            de: 'Wie war die Lage im Quartier? Welche Probleme und Potenziale gab es in der Nachbarschaft?',
            en: 'What was the situation in the neighbourhood? What problems and potentials were there among the neighbours?',
          },
          'klein-mittelstaedte': {
            de: 'Wie war die Lage im Ortskern? Welche Probleme (z. B. Leerstand, Lücken in der Daseinsvorsorge) und Potenziale gab es im ländlichen Raum?',
            en: 'What was the situation in the town centre? What problems (e.g. vacancies, gaps in basic services) and potentials were there in the rural area?',
          },
        },
      },
    ),
    ...section(
      'actors',
      1,
      0,
      { de: 'Akteure', en: 'Actors' },
      {
        de: 'Wer war beteiligt? Wer hat initiiert, wer getragen, wer unterstützt?',
        en: 'Who was involved? Who initiated, who carried and who supported the project?',
        byField: {
          zentrenentwicklung: {
            de: 'Wer war beteiligt – z. B. Stadtverwaltung, Citymanagement, Einzelhandel, Eigentümer:innen, Kultur- und Kreativschaffende?',
            en: 'Who was involved – e.g. city administration, city-centre management, retailers, property owners, cultural and creative practitioners?',
          },
          quartiersentwicklung: {
            de: 'Wer war beteiligt – z. B. Quartiersmanagement, Wohnungsunternehmen, Nachbarschaftsinitiativen, soziokulturelle Zentren?',
            en: 'Who was involved – e.g. neighbourhood management, housing companies, neighbourhood initiatives, socio-cultural centres?',
          },
          'klein-mittelstaedte': {
            de: 'Wer war beteiligt – z. B. Verwaltung und Bürgermeister:in, Vereine, Ehrenamtliche, lokale Betriebe?',
            en: 'Who was involved – e.g. administration and mayor, clubs and associations, volunteers, local businesses?',
          },
        },
      },
    ),
    ...section(
      'approach',
      2,
      0,
      { de: 'Ansatz / Vorgehen', en: 'Approach' },
      {
        de: 'Wie sind Sie vorgegangen? Welche Formate, Instrumente und Schritte haben Sie genutzt?',
        en: 'How did you proceed? Which formats, instruments and steps did you use?',
        byField: {
          zentrenentwicklung: {
            de: 'Wie sind Sie vorgegangen, um die Innenstadt zu beleben – z. B. Zwischennutzung von Leerstand, Bespielung der Erdgeschosszonen?',
            en: 'How did you bring the city centre to life – e.g. temporary use of vacant units, programmes for ground-floor zones?',
          },
          quartiersentwicklung: {
            de: 'Wie sind Sie vorgegangen – z. B. Beteiligung der Nachbarschaft, Quartiersmanagement, Treffpunkte im Quartier?',
            en: 'How did you proceed – e.g. involving the neighbours, neighbourhood management, meeting places in the neighbourhood?',
          },
          'klein-mittelstaedte': {
            de: 'Wie sind Sie vorgegangen – z. B. Aktivierung des Ortskerns, gemeinschaftliche Angebote der Daseinsvorsorge?',
            en: 'How did you proceed – e.g. reviving the town centre, community-run basic services?',
          },
        },
      },
    ),
    ...section(
      'impact',
      0,
      1,
      { de: 'Wirkung', en: 'Impact' },
      {
        de: 'Was hat sich verändert? Woran lässt sich die Wirkung erkennen?',
        en: 'What has changed? How can the impact be seen?',
        byField: {
          zentrenentwicklung: {
            de: 'Was hat sich in der Innenstadt verändert – z. B. weniger Leerstand, belebte Erdgeschosszonen, neue Nutzungen?',
            en: 'What has changed in the city centre – e.g. fewer vacancies, lively ground floors, new uses?',
          },
          quartiersentwicklung: {
            de: 'Was hat sich im Quartier verändert – z. B. Zusammenhalt in der Nachbarschaft, neue Treffpunkte, Engagement?',
            en: 'What has changed in the neighbourhood – e.g. cohesion among neighbours, new meeting places, engagement?',
          },
          'klein-mittelstaedte': {
            de: 'Was hat sich im Ort verändert – z. B. belebter Ortskern, gesicherte Daseinsvorsorge, neue Angebote?',
            en: 'What has changed in the town – e.g. a livelier town centre, secured basic services, new offers?',
          },
        },
      },
    ),
    ...section(
      'transfer',
      1,
      1,
      { de: 'Übertragbarkeit', en: 'Transferability' },
      {
        de: 'Was lässt sich auf andere Orte übertragen? Unter welchen Bedingungen?',
        en: 'What can be transferred to other places? Under which conditions?',
        byField: {
          zentrenentwicklung: {
            de: 'Was können andere Innenstädte übernehmen? Welche Voraussetzungen braucht es?',
            en: 'What can other city centres adopt? Which preconditions are needed?',
          },
          quartiersentwicklung: {
            de: 'Was können andere Quartiere übernehmen? Welche Voraussetzungen braucht es?',
            en: 'What can other neighbourhoods adopt? Which preconditions are needed?',
          },
          'klein-mittelstaedte': {
            de: 'Was können andere Klein- und Mittelstädte im ländlichen Raum übernehmen? Welche Voraussetzungen braucht es?',
            en: 'What can other small and medium-sized towns in rural areas adopt? Which preconditions are needed?',
          },
        },
      },
    ),
    ...section(
      'questions',
      2,
      1,
      { de: 'Offene Fragen', en: 'Open questions' },
      {
        de: 'Welche Fragen sind offen? Wobei wünschen Sie sich Austausch oder Unterstützung aus dem Netzwerk?',
        en: 'Which questions remain open? Where would you like exchange or support from the network?',
      },
    ),
  ],
}
