/** The two AWS wire protocols the stand-ins speak: how an operation is found, and how errors are framed. */
import type { IncomingMessage } from 'node:http';
import { AwsError } from '../../../local/standins/http/aws-errors';
import { awsJsonProtocol, runAction, targetAction } from '../../../local/standins/http/aws-json-protocol';
import { restJsonProtocol, restRequest } from '../../../local/standins/http/rest-json-protocol';
import { signingRegion } from '../../../local/standins/http/signing-region';

const request = (fields: { method?: string; url?: string; headers?: Record<string, string> }) =>
  ({ method: 'POST', url: '/', headers: {}, ...fields }) as IncomingMessage;

describe('awsJson protocol', () => {
  it('takes the action from X-Amz-Target and refuses anything but a POST naming one', () => {
    const target = (headers: Record<string, string>, method = 'POST') =>
      targetAction(request({ method, headers }), 'TrentService');
    expect(target({ 'x-amz-target': 'TrentService.Encrypt' })).toBe('Encrypt');
    expect(() => target({ 'x-amz-target': 'TrentService.Encrypt' }, 'GET')).toThrow(
      'Expected a POST with X-Amz-Target: TrentService.<Action>',
    );
    let refused: unknown;
    try {
      target({ 'x-amz-target': 'OtherService.Encrypt' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AwsError);
    expect(refused).toMatchObject({ type: 'UnknownOperationException', status: 400 });
    expect(() => target({ 'x-amz-target': 'TrentService.' })).toThrow('Expected a POST');
  });

  it('runs only the handlers it was given, not Object.prototype members', () => {
    const handlers = { Echo: (body: unknown) => body };
    expect(runAction(handlers, 'Echo', { n: 1 })).toEqual({ n: 1 });
    for (const action of ['Missing', 'constructor', 'toString', '__proto__']) {
      expect(() => runAction(handlers, action, {})).toThrow(`Operation ${action} is not supported locally`);
    }
  });

  it('frames errors with __type in the body', () => {
    const protocol = awsJsonProtocol('1.1', 'KMSInternalException');
    expect(protocol.contentType).toBe('application/x-amz-json-1.1');
    expect(protocol.errorResponse('NotFoundException', 'gone')).toEqual({
      body: { __type: 'NotFoundException', message: 'gone' },
      headers: {},
    });
  });
});

describe('restJson protocol', () => {
  it('splits and decodes the path and keeps the query', () => {
    expect(restRequest(request({ method: 'GET', url: '/schedules/a%20b/?groupName=g' }))).toEqual({
      method: 'GET',
      path: ['schedules', 'a b'],
      query: new URLSearchParams('groupName=g'),
    });
  });

  it('frames errors with the type in x-amzn-ErrorType', () => {
    expect(restJsonProtocol.errorResponse('ConflictException', 'exists')).toEqual({
      body: { Message: 'exists' },
      headers: { 'x-amzn-ErrorType': 'ConflictException' },
    });
  });
});

it('reads the region from the SigV4 credential scope, falling back to eu-west-2', () => {
  const signed = request({
    headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20250601/us-east-1/kms/aws4_request, ...' },
  });
  expect(signingRegion(signed)).toBe('us-east-1');
  expect(signingRegion(request({}))).toBe('eu-west-2');
});
