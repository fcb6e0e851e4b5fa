/**
 * Every string of our own UI, German first. tldraw's own UI follows the same language through its
 * user preferences (see board/current-user.ts).
 */
export const de = {
  appName: 'Quartierboard',
  lobbyTagline: 'Gemeinsam Fallbeispiele erschließen und Handlungsempfehlungen entwickeln – live auf einem Board.',
  lobbyCreateHeading: 'Neuen Workshop anlegen',
  lobbyTitleLabel: 'Titel des Workshops',
  lobbyTitlePlaceholder: 'z. B. Perspektivenwerkstatt Innenstadt',
  lobbyCreate: 'Workshop anlegen',
  lobbyCreating: 'Wird angelegt …',
  lobbyOpenHeading: 'Workshop öffnen',
  lobbyOpenLabel: 'Link oder Workshop-ID',
  lobbyOpen: 'Öffnen',
  lobbyOpenInvalid: 'Das ist kein gültiger Workshop-Link.',
  errorGeneric: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  namePromptHeading: 'Wie sollen die anderen Sie sehen?',
  namePromptLabel: 'Ihr Name',
  namePromptPlaceholder: 'Vorname oder Kürzel',
  namePromptSubmit: 'Zum Board',
  boardLoading: 'Board wird geladen …',
  boardNotFound: 'Diesen Workshop gibt es nicht (mehr).',
  boardInvalidId: 'Dieser Link ist ungültig.',
  boardBackToLobby: 'Zur Startseite',
  boardReadonlyNewer: 'Dieses Board wurde mit einer neueren Version von Quartierboard bearbeitet. Bitte laden Sie die Seite neu.',
  boardReload: 'Neu laden',
  statusSaved: 'Alle Änderungen gespeichert',
  statusSaving: 'Speichern …',
  statusOffline: 'Offline – Änderungen bleiben auf diesem Gerät',
  statusConnecting: 'Verbinde …',
  statusFailed: 'Speichern fehlgeschlagen – wird erneut versucht',
  participantsHeading: 'Teilnehmende',
  participantsYou: '(Sie)',
  language: 'Sprache',
}

export type Messages = typeof de

export const en: Messages = {
  appName: 'Quartierboard',
  lobbyTagline: 'Map case studies together and derive recommendations – live on one board.',
  lobbyCreateHeading: 'Create a workshop',
  lobbyTitleLabel: 'Workshop title',
  lobbyTitlePlaceholder: 'e.g. Town centre perspectives workshop',
  lobbyCreate: 'Create workshop',
  lobbyCreating: 'Creating …',
  lobbyOpenHeading: 'Open a workshop',
  lobbyOpenLabel: 'Link or workshop id',
  lobbyOpen: 'Open',
  lobbyOpenInvalid: 'That is not a valid workshop link.',
  errorGeneric: 'Something went wrong. Please try again.',
  namePromptHeading: 'How should the others see you?',
  namePromptLabel: 'Your name',
  namePromptPlaceholder: 'First name or initials',
  namePromptSubmit: 'Go to the board',
  boardLoading: 'Loading the board …',
  boardNotFound: 'This workshop does not exist (any more).',
  boardInvalidId: 'This link is not valid.',
  boardBackToLobby: 'Back to the start page',
  boardReadonlyNewer: 'This board was edited with a newer version of Quartierboard. Please reload the page.',
  boardReload: 'Reload',
  statusSaved: 'All changes saved',
  statusSaving: 'Saving …',
  statusOffline: 'Offline – changes stay on this device',
  statusConnecting: 'Connecting …',
  statusFailed: 'Saving failed – retrying',
  participantsHeading: 'Participants',
  participantsYou: '(you)',
  language: 'Language',
}

export const catalogues = { de, en } as const
export type Language = keyof typeof catalogues
