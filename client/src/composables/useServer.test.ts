import { CombinedError, type OperationResult } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { toRemote } from './useServer';

const result = (fields: Partial<OperationResult<{ n: number }>>) =>
  ({ stale: false, hasNext: false, ...fields }) as OperationResult<{ n: number }>;

describe('toRemote', () => {
  it('gives the data of an answer', () => {
    expect(toRemote(result({ data: { n: 1 } }))).toEqual({ kind: 'ok', data: { n: 1 } });
  });

  it('says the server is down when it could not be reached or answered no data (the pages retry)', () => {
    const down = toRemote(
      result({ error: new CombinedError({ networkError: new Error('Failed to fetch') }) }),
    );
    expect(down).toEqual({ kind: 'down', message: 'Failed to fetch' });
    expect(toRemote(result({})).kind).toBe('down');
  });

  it("keeps the server's errors, in words and with their extensions (the field at fault)", () => {
    const refusal = new GraphQLError('Type a reason', {
      extensions: { code: 'BAD_USER_INPUT', field: 'reason' },
    });
    const answer = toRemote(
      result({ error: new CombinedError({ graphQLErrors: [refusal, new GraphQLError('and another')] }) }),
    );
    expect(answer).toMatchObject({ kind: 'error', message: 'Type a reason; and another' });
    const { errors } = answer as Extract<typeof answer, { kind: 'error' }>;
    expect(errors[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
  });
});
