/**
 * GitHub's list pagination: `per_page` (capped, not refused, above the maximum) and `page`, with a
 * `Link` header naming the prev/next/last/first pages, which Octokit's `paginate` follows.
 */
export interface Page<T> {
  items: T[];
  /** The `Link` header value, absent when everything fits on one page (as on GitHub). */
  link: string | undefined;
}

export function paginate<T>(all: T[], query: { per_page?: unknown; page?: unknown }, requestUrl: URL, maxPerPage: number): Page<T> {
  const perPage = Math.min(Math.max(Number(query.per_page ?? 30), 1), maxPerPage);
  const page = Math.max(Number(query.page ?? 1), 1);
  const last = Math.max(Math.ceil(all.length / perPage), 1);
  const items = all.slice((page - 1) * perPage, page * perPage);

  const pageUrl = (target: number): string => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(target));
    return url.toString();
  };
  const relations: string[] = [];
  if (page > 1) relations.push(`<${pageUrl(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) relations.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`);
  if (page > 1) relations.push(`<${pageUrl(1)}>; rel="first"`);
  return { items, link: relations.length > 0 ? relations.join(', ') : undefined };
}
