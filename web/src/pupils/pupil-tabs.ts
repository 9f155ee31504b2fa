/**
 * The tabs of the pupil page, in order. Each part of Lantern that shows something about one pupil adds
 * one entry here; its component gets the pupil's record and the session. The first tab is the one
 * /pupils/<pupilId> opens.
 */
import type { ComponentType } from 'react';
import type { PupilView } from '../api/pupils';
import type { SessionView } from '../api/session-view';
import { AttendanceTab } from './tabs/attendance-tab';
import { ChronologyTab } from './tabs/chronology-tab';
import { ContactsTab } from './tabs/contacts-tab';
import { IncidentSummaryTab } from './tabs/incident-summary-tab';
import { MonitoringTab } from './tabs/monitoring-tab';
import { OverviewTab } from './tabs/overview-tab';
import { VaultTab } from './tabs/vault-tab';

export interface PupilTabProps {
  pupil: PupilView;
  view: SessionView;
  /** Reads the record again after the tab changed it (a contact added, monitoring stopped). */
  onChanged?: () => void;
}

export interface PupilTab {
  /** The last part of the path: /pupils/<pupilId>/<id>. */
  id: string;
  label: string;
  component: ComponentType<PupilTabProps>;
}

export const PUPIL_TABS: readonly PupilTab[] = [
  { id: 'overview', label: 'Overview', component: OverviewTab },
  { id: 'chronology', label: 'Incidents', component: ChronologyTab },
  { id: 'summary', label: 'Incident summary', component: IncidentSummaryTab },
  { id: 'contacts', label: 'Contacts', component: ContactsTab },
  { id: 'attendance', label: 'Attendance', component: AttendanceTab },
  { id: 'monitoring', label: 'Monitoring history', component: MonitoringTab },
  { id: 'vault', label: 'Document vault', component: VaultTab },
];
