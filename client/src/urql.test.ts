import { CombinedError, createRequest, makeOperation, type OperationResult } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MeDocument, OperationsBoardDocument, SignInDocument } from './graphql/graphql';
import { sessionEnded } from './urql';

function answer(document: Parameters<typeof createRequest>[0], code: string | null): OperationResult {
  const operation = makeOperation('query', createRequest(document, {}), {
    url: '/graphql',
    requestPolicy: 'network-only',
  });
  const error = code
    ? new CombinedError({ graphQLErrors: [new GraphQLError('refused', { extensions: { code } })] })
    : undefined;
  return { operation, data: code ? null : {}, error, stale: false, hasNext: false };
}

describe('sessionEnded', () => {
  it('is an UNAUTHENTICATED answer to anything but a sign-in', () => {
    expect(sessionEnded(answer(OperationsBoardDocument, 'UNAUTHENTICATED'))).toBe(true);
    expect(sessionEnded(answer(SignInDocument, 'UNAUTHENTICATED'))).toBe(false);
    expect(sessionEnded(answer(OperationsBoardDocument, 'FORBIDDEN'))).toBe(false);
    expect(sessionEnded(answer(MeDocument, null))).toBe(false);
  });
});
