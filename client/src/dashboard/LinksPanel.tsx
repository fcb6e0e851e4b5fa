/** The three invitation links with copy, QR code and rotate. */
import type { CreateWorkshopResponse, Role } from '@quartierboard/shared'
import { QRCodeSVG } from 'qrcode.react'
import { useState } from 'react'
import { rememberToken } from '../access/workshop-token'
import { rotateLink } from '../api'
import { useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'

const LABEL: Record<Role, keyof Messages> = { facilitator: 'linkFacilitator', participant: 'linkParticipant', reviewer: 'linkReviewer' }
const ORDER: readonly Role[] = ['participant', 'reviewer', 'facilitator']

interface LinksPanelProps {
  workshopId: string
  links: CreateWorkshopResponse['links']
  onLinks: (links: CreateWorkshopResponse['links']) => void
  onError: (error: unknown) => void
}

export function LinksPanel({ workshopId, links, onLinks, onError }: LinksPanelProps) {
  const { messages } = useLanguage()
  const [copied, setCopied] = useState<Role | null>(null)
  const [qr, setQr] = useState<Role | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  async function copy(role: Role) {
    await navigator.clipboard.writeText(links[role])
    setCopied(role)
  }

  async function rotate(role: Role) {
    const question = role === 'facilitator' ? messages.linkRotateFacilitatorConfirm : messages.linkRotateConfirm
    if (!window.confirm(question)) return
    try {
      const rotated = await rotateLink(workshopId, role)
      // A new facilitator token is this page's own key from now on.
      rememberToken(workshopId, rotated.tokens.facilitator)
      onLinks(rotated.links)
      setNotice(messages.linkRotated)
    } catch (error) {
      onError(error)
    }
  }

  return (
    <section className="card dashboard__section" aria-labelledby="links-heading">
      <h2 id="links-heading">{messages.linksHeading}</h2>
      <p className="hint">{messages.linksIntro}</p>
      {ORDER.map((role) => (
        <div key={role} className="link-row" data-testid={`link-${role}`}>
          <label htmlFor={`link-${role}-input`}>{messages[LABEL[role]]}</label>
          <div className="link-row__controls">
            <input id={`link-${role}-input`} readOnly value={links[role]} onFocus={(event) => event.target.select()} />
            <button type="button" onClick={() => void copy(role)} data-testid={`copy-${role}`}>
              {copied === role ? messages.linkCopied : messages.linkCopy}
            </button>
            <button type="button" className="secondary" onClick={() => setQr(qr === role ? null : role)} aria-expanded={qr === role}>
              {qr === role ? messages.linkHideQr : messages.linkShowQr}
            </button>
            <button type="button" className="secondary" onClick={() => void rotate(role)} data-testid={`rotate-${role}`}>
              {messages.linkRotate}
            </button>
          </div>
          {qr === role && (
            <div className="link-row__qr" data-testid={`qr-${role}`}>
              <QRCodeSVG value={links[role]} size={192} marginSize={2} title={messages[LABEL[role]]} />
            </div>
          )}
        </div>
      ))}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
    </section>
  )
}
