/** Workflow id of a story's parent workflow. */
export function storyWorkflowId(storyId: string): string {
  return `wave-${storyId}`;
}

/** Workflow id of one domain's child workflow. */
export function domainWorkflowId(input: { storyId: string; domain: string }): string {
  return `${storyWorkflowId(input.storyId)}/${input.domain}`;
}

/** Inverse of {@link storyWorkflowId}: accepts a story id or a full workflow id. */
export function storyIdFrom(idOrWorkflowId: string): string {
  return idOrWorkflowId.startsWith('wave-') ? idOrWorkflowId.slice('wave-'.length) : idOrWorkflowId;
}

/** Turns a title into the readable part of a story id (lowercase words joined by "-", at most 40 characters). */
export function slugify(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'story';
}

/** A story id made of the title's slug and a caller-supplied unique suffix (e.g. 6 random base-36 characters). */
export function newStoryId(input: { title: string; suffix: string }): string {
  return `${slugify(input.title)}-${input.suffix}`;
}

/** The story (and, for a domain's child workflow, the domain) a workflow id belongs to; undefined for other ids. */
export function runIdentity(workflowId: string): { storyId: string; domain?: string } | undefined {
  if (!workflowId.startsWith('wave-')) return undefined;
  const [story, domain] = storyIdFrom(workflowId).split('/');
  if (!story) return undefined;
  return domain ? { storyId: story, domain } : { storyId: story };
}
