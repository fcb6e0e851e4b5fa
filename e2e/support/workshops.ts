/** Creating a workshop through the API, as the lobby does, and the link a role opens it with. */
import { expect } from '@playwright/test'
import type { CreateWorkshopResponse, Role } from '@quartierboard/shared'

/** Creates a workshop; `field` is a field of action such as 'zentrenentwicklung'. */
export async function createWorkshop(serverUrl: string, title: string, field?: string): Promise<CreateWorkshopResponse> {
  const response = await fetch(`${serverUrl}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(field === undefined ? { title } : { title, field }),
  })
  expect(response.status).toBe(201)
  return (await response.json()) as CreateWorkshopResponse
}

/** The board (or, for reviewers, the replay) as `role` opens it from `baseUrl` (the server, or a network link). */
export function roleLink(baseUrl: string, workshop: Pick<CreateWorkshopResponse, 'id' | 'tokens'>, role: Role): string {
  return `${baseUrl}/w/${workshop.id}${role === 'reviewer' ? '/replay' : ''}#token=${workshop.tokens[role]}`
}
