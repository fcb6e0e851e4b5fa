/**
 * Template "Akteurslandkarte" (actor map): one area per actor group, a legend with one sticky-note
 * colour per group, and an example arrow "Allianz" between two legend notes showing how to draw alliances.
 */
import type { TLDefaultColorStyle } from '@tldraw/tlschema'
import { FRAME_TITLE_CLEARANCE } from './template-legibility.js'
import type { GeoElement, LocalizedText, NoteElement, TemplateText, WorkshopTemplate } from './template-types.js'

/** An actor group: its note/area colour, legend label, area label (with field-specific examples) and area box. */
interface ActorGroup {
  key: string
  color: TLDefaultColorStyle
  legend: LocalizedText
  area: TemplateText
  box: { x: number; y: number; w: number; h: number }
  legendAt: { x: number; y: number }
}

const LEGEND_NOTE_SCALE = 0.75
/** The intro's bottom edge; the frames' titles go below it. */
const INTRO_BOTTOM = 150
/** Top edge of both frames, one title clearance below the intro so their titles do not touch it. */
const FRAMES_TOP = INTRO_BOTTOM + FRAME_TITLE_CLEARANCE

const GROUPS: readonly ActorGroup[] = [
  {
    key: 'established',
    color: 'blue',
    legend: { de: 'Etablierte Akteure', en: 'Established players' },
    area: {
      de: 'Etablierte Akteure der Stadtentwicklung\nz. B. Stadtplanung, Verwaltung, Wohnungswirtschaft',
      en: 'Established urban-development players\ne.g. urban planning, administration, housing industry',
      byField: {
        zentrenentwicklung: {
          de: 'Etablierte Akteure der Stadtentwicklung\nz. B. Stadtplanung, Wirtschaftsförderung, Citymanagement, Immobilieneigentümer:innen',
          en: 'Established urban-development players\ne.g. urban planning, economic development, city-centre management, property owners',
        },
        quartiersentwicklung: {
          de: 'Etablierte Akteure der Stadtentwicklung\nz. B. Stadtplanung, Quartiersmanagement, Wohnungsbaugesellschaften',
          en: 'Established urban-development players\ne.g. urban planning, neighbourhood management, housing companies',
        },
        'klein-mittelstaedte': {
          de: 'Etablierte Akteure der Stadtentwicklung\nz. B. Bürgermeister:in, Bauamt, Landkreis, Wohnungsgenossenschaft',
          en: 'Established urban-development players\ne.g. mayor, building authority, district, housing cooperative',
        },
      },
    },
    box: { x: 30, y: FRAMES_TOP + 30, w: 1240, h: 260 },
    legendAt: { x: 1360, y: FRAMES_TOP + 110 },
  },
  {
    key: 'creative',
    color: 'violet',
    legend: { de: 'Kreativwirtschaft', en: 'Creative industries' },
    area: {
      de: 'Kreativwirtschaft\nz. B. Designbüros, Ateliers, Agenturen, Coworking',
      en: 'Creative industries\ne.g. design studios, ateliers, agencies, coworking',
      byField: {
        zentrenentwicklung: {
          de: 'Kreativwirtschaft\nz. B. Pop-up-Stores und Ateliers in leerstehenden Ladenlokalen',
          en: 'Creative industries\ne.g. pop-up stores and studios in vacant shops',
        },
        quartiersentwicklung: {
          de: 'Kreativwirtschaft\nz. B. Ateliers, Werkstätten und Coworking im Quartier',
          en: 'Creative industries\ne.g. studios, workshops and coworking in the neighbourhood',
        },
        'klein-mittelstaedte': {
          de: 'Kreativwirtschaft\nz. B. kreative Rückkehrer:innen, Coworking im Ortskern',
          en: 'Creative industries\ne.g. creative returnees, coworking in the town centre',
        },
      },
    },
    box: { x: 30, y: FRAMES_TOP + 310, w: 610, h: 280 },
    legendAt: { x: 1650, y: FRAMES_TOP + 110 },
  },
  {
    key: 'culture',
    color: 'orange',
    legend: { de: 'Kultur', en: 'Culture' },
    area: {
      de: 'Kultur\nz. B. Museen, Theater, Bibliotheken, Kulturämter',
      en: 'Culture\ne.g. museums, theatres, libraries, cultural offices',
      byField: {
        zentrenentwicklung: {
          de: 'Kultur\nz. B. Theater, Museen, Festivals in der Innenstadt',
          en: 'Culture\ne.g. theatres, museums, festivals in the city centre',
        },
        quartiersentwicklung: {
          de: 'Kultur\nz. B. Stadtteilbibliothek, Musikschule, Kunst im öffentlichen Raum',
          en: 'Culture\ne.g. district library, music school, art in public space',
        },
        'klein-mittelstaedte': {
          de: 'Kultur\nz. B. Heimatverein, Bibliothek, Kulturscheune',
          en: 'Culture\ne.g. local heritage society, library, village culture barn',
        },
      },
    },
    box: { x: 660, y: FRAMES_TOP + 310, w: 610, h: 280 },
    legendAt: { x: 1360, y: FRAMES_TOP + 280 },
  },
  {
    key: 'sociocultural',
    color: 'green',
    legend: { de: 'Soziokultur', en: 'Socio-culture' },
    area: {
      de: 'Soziokultur\nz. B. soziokulturelle Zentren, Jugendkunstschulen, Stadtteilkultur',
      en: 'Socio-culture\ne.g. socio-cultural centres, youth art schools, community arts',
      byField: {
        zentrenentwicklung: {
          de: 'Soziokultur\nz. B. soziokulturelle Zentren, offene Werkstätten in der Innenstadt',
          en: 'Socio-culture\ne.g. socio-cultural centres, open workshops in the city centre',
        },
        quartiersentwicklung: {
          de: 'Soziokultur\nz. B. Stadtteilzentrum, Nachbarschaftshaus, Jugendtreff',
          en: 'Socio-culture\ne.g. community centre, neighbourhood house, youth club',
        },
        'klein-mittelstaedte': {
          de: 'Soziokultur\nz. B. Dorfgemeinschaftshaus, Bürgerhaus, Jugendclub',
          en: 'Socio-culture\ne.g. village community hall, civic centre, youth club',
        },
      },
    },
    box: { x: 30, y: FRAMES_TOP + 610, w: 610, h: 280 },
    legendAt: { x: 1650, y: FRAMES_TOP + 280 },
  },
  {
    key: 'civil',
    color: 'light-red',
    legend: { de: 'Zivilgesellschaft', en: 'Civil society' },
    area: {
      de: 'Zivilgesellschaftliche Initiativen\nz. B. Vereine, Bürgerinitiativen, Ehrenamtliche',
      en: 'Civil-society initiatives\ne.g. associations, citizens’ initiatives, volunteers',
      byField: {
        zentrenentwicklung: {
          de: 'Zivilgesellschaftliche Initiativen\nz. B. Innenstadtinitiativen, Werbegemeinschaft, Leerstandsinitiativen',
          en: 'Civil-society initiatives\ne.g. city-centre initiatives, traders’ association, vacancy initiatives',
        },
        quartiersentwicklung: {
          de: 'Zivilgesellschaftliche Initiativen\nz. B. Nachbarschaftsinitiativen, Mietergemeinschaften, Gemeinschaftsgärten',
          en: 'Civil-society initiatives\ne.g. neighbourhood initiatives, tenants’ groups, community gardens',
        },
        'klein-mittelstaedte': {
          de: 'Zivilgesellschaftliche Initiativen\nz. B. Dorfladen-Genossenschaft, Bürgerbus-Verein, Freiwillige Feuerwehr',
          en: 'Civil-society initiatives\ne.g. village-shop cooperative, community-bus association, volunteer fire brigade',
        },
      },
    },
    box: { x: 660, y: FRAMES_TOP + 610, w: 610, h: 280 },
    legendAt: { x: 1360, y: FRAMES_TOP + 450 },
  },
]

/** The tinted area of one actor group inside the "Akteursfelder" frame. */
function area(group: ActorGroup): GeoElement {
  return {
    kind: 'geo',
    key: `area-${group.key}`,
    parent: 'areas',
    ...group.box,
    color: group.color,
    dash: 'dashed',
    size: 'm',
    align: 'start',
    verticalAlign: 'start',
    text: group.area,
  }
}

/** The legend note of one actor group, in the group's colour. */
function legendNote(group: ActorGroup): NoteElement {
  return {
    kind: 'note',
    key: `legend-${group.key}`,
    parent: 'legend',
    ...group.legendAt,
    scale: LEGEND_NOTE_SCALE,
    size: 's',
    color: group.color,
    text: group.legend,
  }
}

/** The actor map: areas per actor group, a colour legend and an example alliance arrow. */
export const actorMapTemplate: WorkshopTemplate = {
  id: 'actor-map',
  title: { de: 'Akteurslandkarte', en: 'Actor map' },
  description: {
    de: 'Wer ist beteiligt? Akteure nach Gruppen verorten – etablierte Stadtentwicklung, Kreativwirtschaft, Kultur, Soziokultur, Zivilgesellschaft – und Allianzen einzeichnen.',
    en: 'Who is involved? Place actors by group – established urban development, creative industries, culture, socio-culture, civil society – and draw alliances.',
  },
  elements: [
    { kind: 'text', key: 'title', x: 0, y: 0, w: 1820, h: 60, size: 'xl', text: { de: 'Akteurslandkarte', en: 'Actor map' } },
    {
      kind: 'text',
      key: 'intro',
      x: 0,
      y: 80,
      w: 1820,
      h: INTRO_BOTTOM - 80,
      size: 'm',
      color: 'grey',
      text: {
        de: 'Notieren Sie jede Akteurin und jeden Akteur auf einem Zettel in der Farbe ihrer Gruppe und legen Sie ihn in den passenden Bereich.',
        en: 'Write each actor on a sticky note in the colour of their group and place it in the matching area.',
      },
    },
    { kind: 'frame', key: 'areas', x: 0, y: FRAMES_TOP, w: 1300, h: 920, text: { de: 'Akteursfelder', en: 'Actor fields' } },
    ...GROUPS.map(area),
    { kind: 'frame', key: 'legend', x: 1340, y: FRAMES_TOP, w: 480, h: 920, text: { de: 'Legende', en: 'Legend' } },
    {
      kind: 'text',
      key: 'legend-hint',
      parent: 'legend',
      x: 1360,
      y: FRAMES_TOP + 30,
      w: 440,
      h: 70,
      size: 'm',
      text: { de: 'Eine Zettelfarbe pro Akteursgruppe', en: 'One note colour per actor group' },
    },
    ...GROUPS.map(legendNote),
    {
      kind: 'arrow',
      key: 'legend-alliance',
      from: 'legend-established',
      to: 'legend-creative',
      arrowheadStart: 'arrow',
      arrowheadEnd: 'arrow',
      text: { de: 'Allianz', en: 'Alliance' },
    },
    {
      kind: 'text',
      key: 'alliance-hint',
      parent: 'legend',
      x: 1360,
      y: FRAMES_TOP + 630,
      w: 440,
      h: 210,
      size: 'm',
      color: 'grey',
      text: {
        de: 'Beispiel: Der Pfeil „Allianz“ zeigt eine Zusammenarbeit. Zeichnen Sie eigene Pfeile zwischen Zetteln und beschriften Sie sie, z. B. Allianz, Förderung, Konflikt.',
        en: 'Example: the arrow “Alliance” shows a partnership. Draw your own arrows between notes and label them, e.g. alliance, funding, conflict.',
      },
    },
  ],
}
