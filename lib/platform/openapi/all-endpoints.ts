/** Every endpoint contract Lantern publishes; the OpenAPI document is built from this list. */
import { PLATFORM_ENDPOINTS } from '../../health/platform-api';
import { AUTH_ENDPOINTS } from '../../identity/auth-api';
import { SCHOOL_ENDPOINTS } from '../../schools/schools-api';
import type { EndpointContract } from '../http/endpoint';

export const ALL_ENDPOINTS: readonly EndpointContract[] = [
  ...PLATFORM_ENDPOINTS,
  ...AUTH_ENDPOINTS,
  ...SCHOOL_ENDPOINTS,
];
