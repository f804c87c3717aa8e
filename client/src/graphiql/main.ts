// GraphiQL at /graphiql: an entry of its own (graphiql.html), so React and GraphiQL are in its chunks only and
// the configurator's bundle does not grow. Everything is bundled: the machines it runs on have no internet.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import './graphiql.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

// Same origin: a signed-in person's session cookie goes with every request. Subscriptions go over the same
// path as a WebSocket (graphql-ws), where the server offers them.
const http = new URL('/graphql', window.location.href);
const ws = new URL(http);
ws.protocol = http.protocol === 'https:' ? 'wss:' : 'ws:';
const fetcher = createGraphiQLFetcher({ url: http.href, subscriptionUrl: ws.href });

const defaultQuery = `# The MTO Configurator API (the guide: docs/api.md in the repository).
#
# Signed in as staff or a customer (in this browser), your session is used.
# A partner's key: open "Headers" below and paste
#   { "Authorization": "Bearer <your key>" }
#
# Press the run button (or Ctrl-Enter) to run a query.

{
  orders(first: 5) {
    nodes {
      number
      status
      placedAt
      updatedAt
      total { amount currency }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

const root = document.getElementById('graphiql');
if (root) {
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher,
      defaultQuery,
      defaultEditorToolsVisibility: true,
      // Headers typed in the pane are kept in this browser's storage; a key should not outlive the tab.
      shouldPersistHeaders: false,
    }),
  );
}
