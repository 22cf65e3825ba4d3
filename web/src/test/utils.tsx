import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { createQueryClient } from '@/lib/query-client';

export interface JsonReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function jsonResponse({ status = 200, body, headers = {} }: JsonReply = {}): Response {
  const problem = status >= 400;
  return new Response(status === 204 || body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': problem ? 'application/problem+json' : 'application/json', ...headers },
  });
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) {
  return jsonResponse({ status, body: { type: 'about:blank', title: code, status, code, detail: '', ...extra }, headers });
}

/** Renders a page inside a memory router and a fresh query client. */
interface RenderPageOptions {
  path?: string;
  at?: string;
  routes?: RouteObject[];
}

export function renderPage(element: ReactElement, options: RenderPageOptions = {}): RenderResult {
  const { path = '/', routes = [] } = options;
  const at = options.at ?? path;
  const router = createMemoryRouter([{ path, element }, ...routes, { path: '*', element: <p>elsewhere</p> }], {
    initialEntries: [at],
  });
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}
