/** Every endpoint contract Lantern publishes; the OpenAPI document is built from this list. */
import { ACCESS_ENDPOINTS } from '../../access/access-api';
import { ADMIN_ENDPOINTS } from '../../admin/admin-api';
import { ADMIN_AUTO_ALERT_ENDPOINTS, OWN_AUTO_ALERT_ENDPOINTS } from '../../alerts/auto-alerts-api';
import { ATTENDANCE_ENDPOINTS } from '../../attendance/attendance-api';
import { AUDIT_ENDPOINTS } from '../../audit/audit-api';
import { CALENDAR_ENDPOINTS } from '../../calendar/calendar-api';
import { CATEGORY_ENDPOINTS } from '../../categories/categories-api';
import { DASHBOARD_ENDPOINTS } from '../../dashboard/dashboard-api';
import { DOCUMENT_ENDPOINTS } from '../../documents/documents-api';
import { PLATFORM_ENDPOINTS } from '../../health/platform-api';
import { CONNECTOR_ENDPOINTS } from '../../mis/connector-api';
import { MIS_ENDPOINTS } from '../../mis/mis-api';
import { MIS_STAFF_ENDPOINTS } from '../../mis/mis-staff-api';
import { MONITORING_ENDPOINTS } from '../../monitoring/monitoring-api';
import { PUPIL_ENDPOINTS } from '../../pupils/pupils-api';
import { AUTH_ENDPOINTS } from '../../identity/auth-api';
import { INCIDENT_ENDPOINTS } from '../../incidents/incidents-api';
import { KEY_ENDPOINTS } from '../../identity/keys/keys-api';
import { SCHOOL_ENDPOINTS } from '../../schools/schools-api';
import { STAFF_ENDPOINTS } from '../../staff/staff-api';
import { ADMIN_TRAINING_ENDPOINTS, DASHBOARD_TRAINING_ENDPOINTS } from '../../training/training-api';
import { TRANSFER_ENDPOINTS } from '../../transfers/transfers-api';
import type { EndpointContract } from '../http/endpoint';

export const ALL_ENDPOINTS: readonly EndpointContract[] = [
  ...PLATFORM_ENDPOINTS,
  ...AUTH_ENDPOINTS,
  ...KEY_ENDPOINTS,
  ...SCHOOL_ENDPOINTS,
  ...ACCESS_ENDPOINTS,
  ...ADMIN_ENDPOINTS,
  ...CALENDAR_ENDPOINTS,
  ...AUDIT_ENDPOINTS,
  ...PUPIL_ENDPOINTS,
  ...ATTENDANCE_ENDPOINTS,
  ...MONITORING_ENDPOINTS,
  ...CATEGORY_ENDPOINTS,
  ...DASHBOARD_ENDPOINTS,
  ...OWN_AUTO_ALERT_ENDPOINTS,
  ...ADMIN_AUTO_ALERT_ENDPOINTS,
  ...DASHBOARD_TRAINING_ENDPOINTS,
  ...ADMIN_TRAINING_ENDPOINTS,
  ...CONNECTOR_ENDPOINTS,
  ...MIS_STAFF_ENDPOINTS,
  ...MIS_ENDPOINTS,
  ...TRANSFER_ENDPOINTS,
  ...DOCUMENT_ENDPOINTS,
  ...INCIDENT_ENDPOINTS,
  ...STAFF_ENDPOINTS,
];
