/** What the board's live region says when something happens that a screen-reader user cannot see. */
export const announceDe = {
  announceTimerEnded: 'Die Zeit ist um.',
  announceVoteOpened: 'Eine Punktabstimmung hat begonnen: {dots} Punkte pro Person.',
  announceVoteClosed: 'Die Abstimmung ist beendet. Das Ergebnis steht an den Zetteln.',
  announcePrivateOn: 'Stilles Brainstorming hat begonnen: Ihre neuen Zettel sehen nur Sie, bis sie aufgedeckt werden.',
  announceRevealed: 'Die Zettel sind aufgedeckt.',
  announceLocked: 'Das Board ist gesperrt.',
  announceUnlocked: 'Das Board ist wieder freigegeben.',
  announceSummoned: '{name} holt alle zu sich. Sie folgen jetzt dieser Ansicht.',
  announceOffline: 'Verbindung unterbrochen. Sie können weiterarbeiten; Ihre Änderungen werden gesendet, sobald die Verbindung wieder da ist.',
  announceOnline: 'Wieder verbunden.',
}

export const announceEn: typeof announceDe = {
  announceTimerEnded: 'Time is up.',
  announceVoteOpened: 'A dot vote has started: {dots} dots per person.',
  announceVoteClosed: 'The vote is closed. The result is shown at the notes.',
  announcePrivateOn: 'Silent brainstorming has started: only you see your new notes until they are revealed.',
  announceRevealed: 'The notes have been revealed.',
  announceLocked: 'The board is locked.',
  announceUnlocked: 'The board is unlocked again.',
  announceSummoned: '{name} is bringing everyone to their view. You are now following it.',
  announceOffline: 'Connection lost. You can keep working; your changes are sent when the connection is back.',
  announceOnline: 'Connected again.',
}
