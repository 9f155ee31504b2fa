/**
 * The one keys module: every item type in the single table, its keys, and the access patterns
 * they serve. Repositories build keys only through these functions.
 *
 * Tenant isolation: every key that holds school data starts with `SCHOOL#<schoolId>`, and the
 * school id comes from the authenticated principal, never from a request body.
 *
 * | item type      | PK                        | SK                  | GSI1PK        | GSI1SK                      |
 * |----------------|---------------------------|---------------------|---------------|-----------------------------|
 * | School         | SCHOOL#<schoolId>         | PROFILE             | SCHOOLS       | NAME#<normalised name>#<id> |
 * | SchoolUrnGuard | URN#<urn>                 | URN                 |               |                             |
 * | OperatorToken  | OPERATOR_TOKEN#<sha256>   | OPERATOR_TOKEN      | OPERATORS     | TOKEN#<createdAt>#<tokenId> |
 * | ConnectorCredential | CONNECTOR#<sha256>   | CONNECTOR           | SCHOOL#<schoolId>#CONNECTORS | <createdAt>#<credentialId> |
 * | Transfer       | TRANSFER#<transferId>     | TRANSFER            |               |                             |
 * | TransferToken  | TRANSFER#<transferId>     | TOKEN               |               |                             |
 * | TransferListing | SCHOOL#<schoolId>#TRANSFERS | <detectedAt>#<transferId> |         |                             |
 * | TransferSettings | SCHOOL#<schoolId>       | TRANSFER_SETTINGS   |               |                             |
 * | TransferDeferred | SCHOOL#<new school>#TRANSFER_DEFERRED | <new pupil>#<previous school>#<previous pupil> | GSI1PK TRANSFER_DEFERRED | GSI1SK <start date>#<transferId> |
 * | Person         | PERSON#<personId>         | PROFILE             |               |                             |
 * | EmailGuard     | EMAIL#<encoded email>     | EMAIL               |               |                             |
 * | Membership     | SCHOOL#<schoolId>         | USER#<personId>     | PERSON#<personId>#SCHOOLS | SCHOOL#<schoolId> |
 * | MisStaffUser   | SCHOOL#<schoolId>         | MIS_STAFF_USER#<encoded MIS staff id> |  |                             |
 * | Session        | SESSION#<sha256 of id>    | SESSION             | PERSON#<personId>#SESSIONS | <createdAt>#<sha256> |
 * | SecurityEvent  | PERSON#<personId>         | SECURITY#<at>#<eventId> |           |                             |
 * | SignInThrottle | THROTTLE#SOURCE#<address> | WINDOW#<windowStart> |              |                             |
 * | PasswordLink   | PASSWORD_LINK#<sha256>    | PASSWORD_LINK       |               |                             |
 * | KeyCredential  | PERSON#<personId>         | KEY#<keyId>         |               |                             |
 * | TotpRegistration | PERSON#<personId>       | TOTP_REGISTRATION#<registrationId> |  | (TTL expiresAt, 10 minutes) |
 * | WebAuthnChallenge | SESSION#<sha256 of id> | WEBAUTHN_CHALLENGE#<registration or elevation> | | (TTL expiresAt, 5 min) |
 * | ElevationThrottle | PERSON#<personId>      | ELEVATION_FAILURES#<windowStart> |   | (TTL expiresAt)             |
 * | UserGroup      | SCHOOL#<schoolId>         | USER_GROUP#<groupId> |              |                             |
 * | UserGroupName  | SCHOOL#<schoolId>         | USER_GROUP_NAME#<encoded lower-case name> |  |                   |
 * | AlertGroup     | SCHOOL#<schoolId>         | ALERT_GROUP#<alertGroupId> |        |                             |
 * | ClassGroup     | SCHOOL#<schoolId>         | CLASS#<classId>     |               |                             |
 * | SchoolSettings | SCHOOL#<schoolId>         | SETTINGS            |               |                             |
 * | SchoolCalendar | SCHOOL#<schoolId>         | CALENDAR            |               |                             |
 * | AuditEvent     | SCHOOL#<schoolId>#PUPIL#<pupilId>#AUDIT, or SCHOOL#<schoolId>#AUDIT when no pupil | AUDIT#<at>#<eventId> | GSI2PK SCHOOL#<schoolId>#AUDIT#USER#<actorId> | GSI2SK <at>#<eventId> |
 *
 * Pupil records (the records issue). A pupil's own partition holds their profile and everything that
 * hangs off it, so a profile, a chronology page or a vault listing is one Query:
 *
 * | item type          | PK                                   | SK                                              |
 * |--------------------|--------------------------------------|-------------------------------------------------|
 * | Pupil              | SCHOOL#<s>#PUPIL#<p>                 | PROFILE                                         |
 * | PupilContact       | SCHOOL#<s>#PUPIL#<p>                 | CONTACT#<contactId>                             |
 * | PupilLink          | SCHOOL#<s>#PUPIL#<p>                 | LINK#<otherPupilId>                             |
 * | ChronologyIncident | SCHOOL#<s>#PUPIL#<p>                 | ENTRY#<occurredAt>#<incidentId>                 |
 * | ChronologyAction   | SCHOOL#<s>#PUPIL#<p>                 | ENTRY#<incident occurredAt>#<incidentId>#ACTION#<actionAt>#<actionId> |
 * | ChronologyPin      | SCHOOL#<s>#PUPIL#<p>                 | ENTRY#~PIN#<incidentId>                         |
 * | MonitoringInterval | SCHOOL#<s>#PUPIL#<p>                 | MONITOR#<categoryId>#<startedAt>                |
 * | VaultDocument      | SCHOOL#<s>#PUPIL#<p>                 | DOC#<documentId>                                |
 * | AttendanceMonth    | SCHOOL#<s>#PUPIL#<p>                 | ATTENDANCE#MONTH#<yyyy-mm>                      |
 * | AttendanceRecord   | SCHOOL#<s>#PUPIL#<p>                 | ATTENDANCE#SUMMARY                              |
 * | PupilTransfer      | SCHOOL#<s>#PUPIL#<p>                 | TRANSFER#<transferId>                           |
 * | PupilMatch         | SCHOOL#<s>#PUPIL#<p>                 | TRANSFER_MATCH#<UPN or ULN> (GSI3PK PUPIL_MATCH#<kind>#<sha256>, GSI3SK SCHOOL#<s>#PUPIL#<p>) |
 * | PupilNameToken     | SCHOOL#<s>#PUPIL_NAMES#<ACTIVE or ARCHIVED> | <normalised name part>#<p>               |
 * | ClassMember        | SCHOOL#<s>#CLASS#<classId>#PUPILS    | <sort name>#<p>                                 |
 * | MonitoredPupil     | SCHOOL#<s>#MONITORED                 | CAT#<categoryId>#<p>                            |
 * | Category           | SCHOOL#<s>                           | CATEGORY#<categoryId>                           |
 * | CategoryUse        | SCHOOL#<s>#CATEGORY#<categoryId>#USES | INCIDENT#<incidentId>                          |
 * | CategoryName       | SCHOOL#<s>                           | CATEGORY_NAME#<parentId or TOP>#<encoded lower-case name> |
 * | Agency             | SCHOOL#<s>                           | AGENCY#<agencyId>                               |
 * | AgencyName         | SCHOOL#<s>                           | AGENCY_NAME#<encoded lower-case name>           |
 * | IncidentCounter    | SCHOOL#<s>                           | COUNTER#INCIDENT                                |
 * | IncidentNumber     | SCHOOL#<s>                           | INCIDENT_NUMBER#<number, zero-padded to 10>     |
 * | Incident           | SCHOOL#<s>#INCIDENT#<i>              | INCIDENT                                        |
 * | IncidentVersion    | SCHOOL#<s>#INCIDENT#<i>              | VERSION#<version, zero-padded to 6>             |
 * | Action             | SCHOOL#<s>#INCIDENT#<i>              | ACTION#<actionId>                               |
 * | ActionVersion      | SCHOOL#<s>#INCIDENT#<i>              | ACTION#<actionId>#VERSION#<version, padded to 6> |
 * | DashboardEntry     | SCHOOL#<s>#USER#<personId>#DASH      | ALERT#<subject> / ASSIGNED#<incidentId> / HISTORY#<at>#<id> / VIEWED#<pupilId> |
 * | AutoAlertRule      | SCHOOL#<s>                           | AUTO_ALERT#<personId>_<kind>_<targetId>         |
 * | TrainingEntry      | SCHOOL#<s>#TRAINING                  | <incidentId>[#ACTION#<actionId>]                |
 * | PendingUpload      | SCHOOL#<s>#UPLOAD#<uploadId>         | UPLOAD                        (TTL expiresAt)   |
 * | AlertOutbox        | SCHOOL#<s>#ALERT_OUTBOX              | <incidentId>#INCIDENT or <incidentId>#ACTION#<actionId> | GSI1PK ALERT_OUTBOX | GSI1SK <createdAt>#<s>#<incidentId>#<event> |
 * | MisImport          | SCHOOL#<s>#MIS_IMPORTS               | IMPORT#<importId, a UUIDv7 so the log sorts by time> |
 * | MisState           | SCHOOL#<s>                           | MIS_STATE                                       |
 * | MisPupilIndex      | SCHOOL#<s>#MIS_PUPILS                | <percent-encoded MIS id>                        |
 * | MisStaffMember     | SCHOOL#<s>#MIS_STAFF                 | <percent-encoded MIS id>                        |
 * | MisRollChanges     | SCHOOL#<s>#MIS_ROLL_CHANGES          | IMPORT#<importId>#<chunk, 4 digits> | GSI1PK MIS_ROLL_CHANGES_PENDING | GSI1SK <at>#<s>#<importId>#<chunk> |
 * | TransferCopyState  | TRANSFER#<transferId>                | COPY                                            |
 * | TransferCopyPlan   | TRANSFER#<transferId>                | COPY#PLAN#<planId>#<chunk, 4 digits>            |
 *
 * Access patterns
 * - Get a school by id: GetItem PK=SCHOOL#<id>, SK=PROFILE.
 * - List schools (operator), by name: Query GSI1 GSI1PK=SCHOOLS (paged).
 * - Refuse a second school with the same URN: SchoolUrnGuard written in the same transaction
 *   as the School, conditional on not existing.
 * - Authenticate an operator: GetItem on the SHA-256 of the presented token (the token itself
 *   is never stored). List operator tokens: Query GSI1 GSI1PK=OPERATORS.
 * - Authenticate an MIS connector: GetItem CONNECTOR#<SHA-256 of the presented secret> (the secret is
 *   never stored); the item names the one school it may push for. A school's connector credentials (to
 *   list, rotate or revoke one): Query GSI1 SCHOOL#<s>#CONNECTORS (a few items). Rotating is one
 *   transaction that puts the new secret's item and deletes the old one; lastUsedAt is an update
 *   conditional on being over an hour old, so a push does not always write.
 * - Transfers (TRF-1 … TRF-4, BYD-1, BYD-2): a transfer by id: GetItem TRANSFER#<id> / TRANSFER. A school's
 *   Admin > Transfers list: one Query of SCHOOL#<s>#TRANSFERS (filters and search apply to that page; a
 *   school has tens a year). Every change of a transfer is one transaction: the Transfer (conditional on
 *   the version read), both schools' TransferListing items and both pupils' PupilTransfer items. The task
 *   token the lifecycle waits on: GetItem TRANSFER#<id> / TOKEN (kept apart from the Transfer, so a
 *   decision and a new token never overwrite each other). A pupil's transfers (for obsolescence): Query
 *   the pupil's partition, SK begins_with TRANSFER#. The detector's cross-school lookup: Query GSI3
 *   PUPIL_MATCH#<UPN or ULN>#<SHA-256 of the value> (one PupilMatch item per permanent UPN or ULN in each
 *   pupil's partition, kept by the pupil's index-item writes; no request path reads GSI3). Detections
 *   waiting for a start date: Query GSI1 TRANSFER_DEFERRED, GSI1SK <= the date.
 * - Sign in: GetItem EmailGuard (email → person), GetItem Person, Query GSI1 PERSON#<id>#SCHOOLS for
 *   the person's schools (one identity, several schools).
 * - Authenticate a request: BatchGet Session (by the hash of the cookie's id) + its Membership.
 * - Sign out everywhere, or deactivation: Query GSI1 PERSON#<id>#SESSIONS, then delete each.
 * - A school's users: Query PK=SCHOOL#<id>, SK begins_with USER#.
 * - A user added from MIS staff (IAM-5): the Membership carries misStaffId, and a MisStaffUser guard item,
 *   written in the same transaction (conditional on not existing, with a check that the MIS staff item is
 *   current), stops two users claiming one member of staff. Never deleted: users are deactivated, not removed.
 * - A person's security log, newest first: Query PK=PERSON#<id>, SK begins_with SECURITY#, descending.
 * - Failed sign-ins per source address: one counter item per 15-minute window, removed by TTL.
 * - Use a password link: GetItem by the SHA-256 of the emailed token, then a transaction that marks
 *   it used (only if unused) and sets the password, so a link works once.
 * - A person's second-factor keys (TOTP apps, security keys, passkeys): Query PK=PERSON#<id>, SK
 *   begins_with KEY#; a few per person, so a WebAuthn credential is found among them without an index.
 *   Using a TOTP key is an update conditional on its lastUsedStep being older, so a code works once.
 * - A pending TOTP registration: GetItem PERSON#<id> / TOTP_REGISTRATION#<id> (the secret encrypted with
 *   KMS); a WebAuthn challenge: delete-and-return SESSION#<hash> / WEBAUTHN_CHALLENGE#<purpose>, so it is
 *   used once and only by the session it was issued to. Both expire by TTL.
 * - Refused elevations per person: one counter item per 15-minute window, removed by TTL.
 * - A school's user groups, alert groups, classes: Query PK=SCHOOL#<id>, SK begins_with USER_GROUP#,
 *   ALERT_GROUP# or CLASS#. Group names are unique per school through UserGroupName guard items.
 * - Deleting a user group: conditional on its memberCount = 0, which every move in or out keeps in the
 *   same transaction as the Membership change.
 * - A request's access profile: GetItem Membership + UserGroup + SchoolSettings (+ Query CLASS# when
 *   class restrictions are on).
 * - A school's calendar (terms, closures, bank-holiday nation; Admin > Calendar and the KCSIE transfer
 *   clock): GetItem SCHOOL#<s> / CALENDAR; saved with a Put conditional on the version read.
 * - A pupil's audit report, newest first: Query PK=SCHOOL#<s>#PUPIL#<p>#AUDIT descending (one
 *   partition per pupil, so chronology reads spread their audit writes). A user's audit trail: Query
 *   GSI2 SCHOOL#<s>#AUDIT#USER#<personId> descending. Audit items are only ever Put, conditional on not
 *   existing, never updated, deleted or given a TTL.
 * - A pupil's profile: GetItem SCHOOL#<s>#PUPIL#<p> / PROFILE. Contacts, links, monitoring history and
 *   vault: Query the same partition with SK begins_with CONTACT#, LINK#, MONITOR# or DOC#.
 * - A pupil's chronology, newest first: Query SCHOOL#<s>#PUPIL#<p>, SK begins_with ENTRY#, descending. Each
 *   pupil linked into an incident has their own ChronologyIncident copy carrying only their categories
 *   (BYD-4); an incident's actions sort directly beside it, so one Query returns incidents with their
 *   actions, and a page is cut only between incidents. Pins (REC-6) are ENTRY#~PIN# items that sort
 *   above every dated entry, so the first page's Query returns them first; a pinned incident not on that
 *   page is then read with the one-incident Query below.
 * - A pupil's attendance (MIS-2): Query SCHOOL#<s>#PUPIL#<p>, SK begins_with ATTENDANCE#, descending,
 *   Limit months + 1: SUMMARY sorts after every MONTH#, so one Query returns the summary and then the
 *   newest months. AttendanceMonth holds one calendar month's AM/PM marks; AttendanceRecord the figures
 *   computed from every stored mark and the MIS's own summary. ATTENDANCE# sorts before CONTACT#, so the
 *   record and chronology reads never meet it.
 * - MIS imports (MIS-1 … MIS-4): the import log, newest first: Query SCHOOL#<s>#MIS_IMPORTS descending
 *   (paged). The health light and "what to apply next": GetItem MIS_STATE, which also holds the run lease
 *   (a conditional update, so one run per school). What was last applied for every MIS pupil: one Query
 *   of SCHOOL#<s>#MIS_PUPILS (fingerprints per facet: an unchanged row is recognised without reading the
 *   pupil). MIS staff to add as users: Query SCHOOL#<s>#MIS_STAFF. Roll changes not yet taken by the
 *   transfer detector: Query GSI1 MIS_ROLL_CHANGES_PENDING (the detector removes GSI1PK once it has them).
 * - One pupil's copy of an incident with its actions: Query SCHOOL#<s>#PUPIL#<p>, SK begins_with
 *   ENTRY#<occurredAt>#<incidentId>.
 * - Quick search by any part of a name: Query SCHOOL#<s>#PUPIL_NAMES#ACTIVE (and #ARCHIVED when asked),
 *   SK begins_with the normalised (lower-case, accent-free) query. Each pupil has one token per name part
 *   (legal and preferred forenames, middle names, surname, each half of a double-barrelled name), and the
 *   token item carries the pupil summary, so no Scan and no second read.
 * - A class register: Query SCHOOL#<s>#CLASS#<classId>#PUPILS (by sort name). Monitored pupils: Query
 *   SCHOOL#<s>#MONITORED, or SK begins_with CAT#<categoryId># for one category.
 * - A school's categories and agencies: Query SCHOOL#<s>, SK begins_with CATEGORY# or AGENCY#.
 *   Whether a category was ever used (delete or disable), and merging it: Query its CategoryUse partition.
 *   Sibling category names and agency names are unique through CategoryName and AgencyName guard items.
 * - An incident with its history: Query SCHOOL#<s>#INCIDENT#<i> (current item, every earlier version,
 *   actions and their versions). Find an incident by its number (merge): GetItem INCIDENT_NUMBER#<n>.
 *   Numbers come from an atomic counter; a failed create can leave a gap, never a duplicate.
 * - A person's dashboard (unread alerts, open assigned incidents, the last 7 days' history, recently
 *   viewed pupils): one Query of SCHOOL#<s>#USER#<personId>#DASH. Read alerts and closed assignments are
 *   deleted from it and history and views expire by TTL, so the partition stays small.
 * - Incidents and actions added in training mode: Query SCHOOL#<s>#TRAINING.
 * - Automatic alert rules (REC-5): every rule of a school is one Query of SCHOOL#<s>, SK begins_with
 *   AUTO_ALERT# (read with the rest of the school's reference when an incident or action is added); one
 *   person's rules, begins_with AUTO_ALERT#<personId>_. The rule id is the person and target, so a rule set
 *   twice is one item.
 * - Alerts still to send (REC-5): an AlertOutbox item is written in the incident's (or action's)
 *   transaction and deleted once its dashboard alerts and mails are out. A retry of the request finds
 *   it by GetItem; the sweeper finds every left-over item across schools, oldest first, with one Query
 *   of GSI1 ALERT_OUTBOX, GSI1SK < the cut-off time (no Scan).
 * - A transfer's copy (TRF-4): the copier's plan (the previous school's incidents, actions and documents that
 *   move, chunked so no item nears 400 KB), its reserved block of the new school's incident numbers and its
 *   category mapping: one Query of TRANSFER#<id>, SK begins_with COPY. The state item is put in the same
 *   transaction that moves the new school's incident counter past the block, conditional on not existing,
 *   so a retried copy never reserves twice; it names its plan's id, so chunks a raced or stopped planning
 *   attempt wrote under another id are never read.
 *
 * Indexes: GSI1 serves operator lists across schools and per-person lookups; GSI2 serves per-school
 * secondary orderings (a user's audit trail); GSI3 is generic and will be claimed by later item types
 * (see lib/data/table-definition.ts).
 */

const SEPARATOR = '#';

/** Refuses values that would let one key part bleed into the next. */
function part(value: string, name: string): string {
  if (value.length === 0 || value.includes(SEPARATOR)) {
    throw new Error(`Invalid key part ${name}: must be non-empty and must not contain '${SEPARATOR}'`);
  }
  return value;
}

export interface TableKey {
  readonly PK: string;
  readonly SK: string;
}

export const schoolKeys = {
  profile: (schoolId: string): TableKey => ({ PK: `SCHOOL#${part(schoolId, 'schoolId')}`, SK: 'PROFILE' }),
  listPartition: 'SCHOOLS',
  listSortKey: (normalisedName: string, schoolId: string): string =>
    `NAME#${part(normalisedName, 'name')}#${part(schoolId, 'schoolId')}`,
  urnGuard: (urn: string): TableKey => ({ PK: `URN#${part(urn, 'urn')}`, SK: 'URN' }),
};

export const operatorTokenKeys = {
  token: (tokenHash: string): TableKey => ({
    PK: `OPERATOR_TOKEN#${part(tokenHash, 'tokenHash')}`,
    SK: 'OPERATOR_TOKEN',
  }),
  listPartition: 'OPERATORS',
  listSortKey: (createdAt: string, tokenId: string): string =>
    `TOKEN#${part(createdAt, 'createdAt')}#${part(tokenId, 'tokenId')}`,
};

export const connectorKeys = {
  credential: (secretHash: string): TableKey => ({
    PK: `CONNECTOR#${part(secretHash, 'secretHash')}`,
    SK: 'CONNECTOR',
  }),
  schoolPartition: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}#CONNECTORS`,
  schoolSortKey: (createdAt: string, credentialId: string): string =>
    `${part(createdAt, 'createdAt')}#${part(credentialId, 'credentialId')}`,
};

export const transferKeys = {
  transfer: (transferId: string): TableKey => ({
    PK: `TRANSFER#${part(transferId, 'transferId')}`,
    SK: 'TRANSFER',
  }),
  /** The task token the lifecycle is waiting on, kept apart so a decision and a new token never overwrite each other. */
  token: (transferId: string): TableKey => ({
    PK: `TRANSFER#${part(transferId, 'transferId')}`,
    SK: 'TOKEN',
  }),
  /** One school's view of its transfers, oldest first by detection. */
  listingPartition: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}#TRANSFERS`,
  listing: (schoolId: string, detectedAt: string, transferId: string): TableKey => ({
    PK: transferKeys.listingPartition(schoolId),
    SK: `${part(detectedAt, 'detectedAt')}#${part(transferId, 'transferId')}`,
  }),
  /** A pupil's transfers, in the pupil's own partition (sorts after PROFILE, outside every record read). */
  pupilTransferPrefix: 'TRANSFER#',
  pupilTransfersPartition: (schoolId: string, pupilId: string): string =>
    pupilKeys.partition(schoolId, pupilId),
  pupilTransfer: (schoolId: string, pupilId: string, transferId: string): TableKey => ({
    PK: pupilKeys.partition(schoolId, pupilId),
    SK: `TRANSFER#${part(transferId, 'transferId')}`,
  }),
  settings: (schoolId: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: 'TRANSFER_SETTINGS',
  }),
  /**
   * A pupil's permanent UPN or ULN, as an item in the pupil's own partition projected into GSI3 under a
   * hash of the value: the detector's cross-school lookup. No request path reads GSI3.
   */
  match: (schoolId: string, pupilId: string, kind: 'UPN' | 'ULN'): TableKey => ({
    PK: pupilKeys.partition(schoolId, pupilId),
    SK: `TRANSFER_MATCH#${kind}`,
  }),
  matchIndexPartition: (kind: 'UPN' | 'ULN', valueSha256: string): string =>
    `PUPIL_MATCH#${kind}#${part(valueSha256, 'valueSha256')}`,
  matchIndexSortKey: (schoolId: string, pupilId: string): string =>
    `SCHOOL#${part(schoolId, 'schoolId')}#PUPIL#${part(pupilId, 'pupilId')}`,
  /** GSI1: detections waiting for the new school's start date, by that date. */
  deferredPartition: 'TRANSFER_DEFERRED',
  deferred: (
    newSchoolId: string,
    newPupilId: string,
    previousSchoolId: string,
    previousPupilId: string,
  ): TableKey => ({
    PK: `SCHOOL#${part(newSchoolId, 'schoolId')}#TRANSFER_DEFERRED`,
    SK: `${part(newPupilId, 'pupilId')}#${part(previousSchoolId, 'schoolId')}#${part(previousPupilId, 'pupilId')}`,
  }),
};

/** Emails may contain '#'; percent-encoding keeps the key readable and unambiguous. */
function emailPart(normalisedEmail: string): string {
  return part(encodeURIComponent(normalisedEmail), 'email');
}

export const personKeys = {
  profile: (personId: string): TableKey => ({ PK: `PERSON#${part(personId, 'personId')}`, SK: 'PROFILE' }),
  emailGuard: (normalisedEmail: string): TableKey => ({
    PK: `EMAIL#${emailPart(normalisedEmail)}`,
    SK: 'EMAIL',
  }),
  securityEventPrefix: 'SECURITY#',
  securityEvent: (personId: string, at: string, eventId: string): TableKey => ({
    PK: `PERSON#${part(personId, 'personId')}`,
    SK: `SECURITY#${part(at, 'at')}#${part(eventId, 'eventId')}`,
  }),
};

export const membershipKeys = {
  member: (schoolId: string, personId: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: `USER#${part(personId, 'personId')}`,
  }),
  schoolUsersPartition: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}`,
  schoolUsersPrefix: 'USER#',
  personSchoolsPartition: (personId: string): string => `PERSON#${part(personId, 'personId')}#SCHOOLS`,
  personSchoolsSortKey: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}`,
  /** Guard: the one user added from this MIS staff member (MIS ids may hold any character). */
  misStaffUser: (schoolId: string, misStaffId: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: `MIS_STAFF_USER#${part(encodeURIComponent(misStaffId), 'misStaffId')}`,
  }),
};

export const sessionKeys = {
  session: (sessionHash: string): TableKey => ({
    PK: `SESSION#${part(sessionHash, 'sessionHash')}`,
    SK: 'SESSION',
  }),
  personSessionsPartition: (personId: string): string => `PERSON#${part(personId, 'personId')}#SESSIONS`,
  personSessionsSortKey: (createdAt: string, sessionHash: string): string =>
    `${part(createdAt, 'createdAt')}#${part(sessionHash, 'sessionHash')}`,
};

export const throttleKeys = {
  sourceWindow: (sourceAddress: string, windowStart: string): TableKey => ({
    PK: `THROTTLE#SOURCE#${part(sourceAddress, 'sourceAddress')}`,
    SK: `WINDOW#${part(windowStart, 'windowStart')}`,
  }),
};

export const passwordLinkKeys = {
  link: (tokenHash: string): TableKey => ({
    PK: `PASSWORD_LINK#${part(tokenHash, 'tokenHash')}`,
    SK: 'PASSWORD_LINK',
  }),
};

/** Names are compared without case or surrounding space; percent-encoding keeps '#' out of the key. */
function namePart(name: string): string {
  return part(encodeURIComponent(name.trim().toLowerCase()), 'name');
}

export const accessKeys = {
  userGroup: (schoolId: string, groupId: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: `USER_GROUP#${part(groupId, 'groupId')}`,
  }),
  userGroupPrefix: 'USER_GROUP#',
  userGroupName: (schoolId: string, name: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: `USER_GROUP_NAME#${namePart(name)}`,
  }),
  alertGroup: (schoolId: string, alertGroupId: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: `ALERT_GROUP#${part(alertGroupId, 'alertGroupId')}`,
  }),
  alertGroupPrefix: 'ALERT_GROUP#',
  classGroup: (schoolId: string, classId: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: `CLASS#${part(classId, 'classId')}`,
  }),
  classGroupPrefix: 'CLASS#',
  settings: (schoolId: string): TableKey => ({ PK: `SCHOOL#${part(schoolId, 'schoolId')}`, SK: 'SETTINGS' }),
  schoolPartition: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}`,
};

export const calendarKeys = {
  calendar: (schoolId: string): TableKey => ({ PK: `SCHOOL#${part(schoolId, 'schoolId')}`, SK: 'CALENDAR' }),
};

export const auditKeys = {
  /** IAM StringLike pattern matching every audit partition: the deployment denies updates and deletes there. */
  partitionPattern: 'SCHOOL#*#AUDIT',
  pupilPartition: (schoolId: string, pupilId: string): string =>
    `SCHOOL#${part(schoolId, 'schoolId')}#PUPIL#${part(pupilId, 'pupilId')}#AUDIT`,
  schoolPartition: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}#AUDIT`,
  sortKey: (at: string, eventId: string): string => `AUDIT#${part(at, 'at')}#${part(eventId, 'eventId')}`,
  actorPartition: (schoolId: string, personId: string): string =>
    `SCHOOL#${part(schoolId, 'schoolId')}#AUDIT#USER#${part(personId, 'personId')}`,
  actorSortKey: (at: string, eventId: string): string => `${part(at, 'at')}#${part(eventId, 'eventId')}`,
};

export type WebAuthnCeremony = 'registration' | 'elevation';

/** Second-factor keys belong to the Person (one identity across schools), never to a Membership. */
export const secondFactorKeys = {
  key: (personId: string, keyId: string): TableKey => ({
    PK: `PERSON#${part(personId, 'personId')}`,
    SK: `KEY#${part(keyId, 'keyId')}`,
  }),
  keyPrefix: 'KEY#',
  personPartition: (personId: string): string => `PERSON#${part(personId, 'personId')}`,
  totpRegistration: (personId: string, registrationId: string): TableKey => ({
    PK: `PERSON#${part(personId, 'personId')}`,
    SK: `TOTP_REGISTRATION#${part(registrationId, 'registrationId')}`,
  }),
  webAuthnChallenge: (sessionHash: string, ceremony: WebAuthnCeremony): TableKey => ({
    PK: `SESSION#${part(sessionHash, 'sessionHash')}`,
    SK: `WEBAUTHN_CHALLENGE#${ceremony}`,
  }),
  elevationFailures: (personId: string, windowStart: string): TableKey => ({
    PK: `PERSON#${part(personId, 'personId')}`,
    SK: `ELEVATION_FAILURES#${part(windowStart, 'windowStart')}`,
  }),
};

/** Zero-padded so that numbers sort as strings. */
function padded(value: number, width: number): string {
  if (!Number.isInteger(value) || value < 0) throw new Error(`Invalid key number ${value}`);
  return String(value).padStart(width, '0');
}

export type PupilDirectoryStatus = 'ACTIVE' | 'ARCHIVED';

export const pupilKeys = {
  partition: (schoolId: string, pupilId: string): string =>
    `SCHOOL#${part(schoolId, 'schoolId')}#PUPIL#${part(pupilId, 'pupilId')}`,
  profile: (schoolId: string, pupilId: string): TableKey => ({
    PK: pupilKeys.partition(schoolId, pupilId),
    SK: 'PROFILE',
  }),
  contact: (schoolId: string, pupilId: string, contactId: string): TableKey => ({
    PK: pupilKeys.partition(schoolId, pupilId),
    SK: `CONTACT#${part(contactId, 'contactId')}`,
  }),
  contactPrefix: 'CONTACT#',
  link: (schoolId: string, pupilId: string, otherPupilId: string): TableKey => ({
    PK: pupilKeys.partition(schoolId, pupilId),
    SK: `LINK#${part(otherPupilId, 'otherPupilId')}`,
  }),
  linkPrefix: 'LINK#',
  nameTokenPartition: (schoolId: string, status: PupilDirectoryStatus): string =>
    `SCHOOL#${part(schoolId, 'schoolId')}#PUPIL_NAMES#${status}`,
  nameTokenSortKey: (token: string, pupilId: string): string =>
    `${part(token, 'token')}#${part(pupilId, 'pupilId')}`,
  classMembersPartition: (schoolId: string, classId: string): string =>
    `SCHOOL#${part(schoolId, 'schoolId')}#CLASS#${part(classId, 'classId')}#PUPILS`,
  classMemberSortKey: (sortName: string, pupilId: string): string =>
    `${part(sortName, 'sortName')}#${part(pupilId, 'pupilId')}`,
};

export const monitoringKeys = {
  interval: (schoolId: string, pupilId: string, categoryId: string, startedAt: string): TableKey => ({
    PK: pupilKeys.partition(schoolId, pupilId),
    SK: `MONITOR#${part(categoryId, 'categoryId')}#${part(startedAt, 'startedAt')}`,
  }),
  intervalPrefix: 'MONITOR#',
  monitoredPartition: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}#MONITORED`,
  monitored: (schoolId: string, categoryId: string, pupilId: string): TableKey => ({
    PK: monitoringKeys.monitoredPartition(schoolId),
    SK: `CAT#${part(categoryId, 'categoryId')}#${part(pupilId, 'pupilId')}`,
  }),
  monitoredCategoryPrefix: (categoryId: string): string => `CAT#${part(categoryId, 'categoryId')}#`,
};

export const categoryKeys = {
  categoryPartition: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}`,
  category: (schoolId: string, categoryId: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: `CATEGORY#${part(categoryId, 'categoryId')}`,
  }),
  categoryPrefix: 'CATEGORY#',
  usesPartition: (schoolId: string, categoryId: string): string =>
    `SCHOOL#${part(schoolId, 'schoolId')}#CATEGORY#${part(categoryId, 'categoryId')}#USES`,
  use: (schoolId: string, categoryId: string, incidentId: string): TableKey => ({
    PK: categoryKeys.usesPartition(schoolId, categoryId),
    SK: `INCIDENT#${part(incidentId, 'incidentId')}`,
  }),
  usePrefix: 'INCIDENT#',
  agency: (schoolId: string, agencyId: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: `AGENCY#${part(agencyId, 'agencyId')}`,
  }),
  agencyPrefix: 'AGENCY#',
  /** Sibling categories' names are unique: one guard per parent (or top level) and lower-case name. */
  categoryName: (schoolId: string, parentId: string | undefined, name: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: `CATEGORY_NAME#${parentId === undefined ? 'TOP' : part(parentId, 'parentId')}#${namePart(name)}`,
  }),
  agencyName: (schoolId: string, name: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: `AGENCY_NAME#${namePart(name)}`,
  }),
};

export const incidentKeys = {
  counter: (schoolId: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: 'COUNTER#INCIDENT',
  }),
  number: (schoolId: string, incidentNumber: number): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: `INCIDENT_NUMBER#${padded(incidentNumber, 10)}`,
  }),
  partition: (schoolId: string, incidentId: string): string =>
    `SCHOOL#${part(schoolId, 'schoolId')}#INCIDENT#${part(incidentId, 'incidentId')}`,
  incident: (schoolId: string, incidentId: string): TableKey => ({
    PK: incidentKeys.partition(schoolId, incidentId),
    SK: 'INCIDENT',
  }),
  version: (schoolId: string, incidentId: string, version: number): TableKey => ({
    PK: incidentKeys.partition(schoolId, incidentId),
    SK: `VERSION#${padded(version, 6)}`,
  }),
  versionPrefix: 'VERSION#',
  action: (schoolId: string, incidentId: string, actionId: string): TableKey => ({
    PK: incidentKeys.partition(schoolId, incidentId),
    SK: `ACTION#${part(actionId, 'actionId')}`,
  }),
  actionPrefix: 'ACTION#',
  actionVersion: (schoolId: string, incidentId: string, actionId: string, version: number): TableKey => ({
    PK: incidentKeys.partition(schoolId, incidentId),
    SK: `ACTION#${part(actionId, 'actionId')}#VERSION#${padded(version, 6)}`,
  }),
};

export const chronologyKeys = {
  prefix: 'ENTRY#',
  /**
   * A pin (REC-6) sorts after every dated entry ('~' is above the digits), so the chronology's
   * descending Query meets a pupil's pins first: the first page learns them with no extra read.
   */
  pin: (schoolId: string, pupilId: string, incidentId: string): TableKey => ({
    PK: pupilKeys.partition(schoolId, pupilId),
    SK: `ENTRY#~PIN#${part(incidentId, 'incidentId')}`,
  }),
  incident: (schoolId: string, pupilId: string, occurredAt: string, incidentId: string): TableKey => ({
    PK: pupilKeys.partition(schoolId, pupilId),
    SK: `ENTRY#${part(occurredAt, 'occurredAt')}#${part(incidentId, 'incidentId')}`,
  }),
  action: (
    schoolId: string,
    pupilId: string,
    incidentOccurredAt: string,
    incidentId: string,
    actionAt: string,
    actionId: string,
  ): TableKey => ({
    PK: pupilKeys.partition(schoolId, pupilId),
    SK:
      `ENTRY#${part(incidentOccurredAt, 'occurredAt')}#${part(incidentId, 'incidentId')}` +
      `#ACTION#${part(actionAt, 'actionAt')}#${part(actionId, 'actionId')}`,
  }),
};

export const attendanceKeys = {
  prefix: 'ATTENDANCE#',
  month: (schoolId: string, pupilId: string, month: string): TableKey => ({
    PK: pupilKeys.partition(schoolId, pupilId),
    SK: `ATTENDANCE#MONTH#${part(month, 'month')}`,
  }),
  summary: (schoolId: string, pupilId: string): TableKey => ({
    PK: pupilKeys.partition(schoolId, pupilId),
    SK: 'ATTENDANCE#SUMMARY',
  }),
};

export const documentKeys = {
  document: (schoolId: string, pupilId: string, documentId: string): TableKey => ({
    PK: pupilKeys.partition(schoolId, pupilId),
    SK: `DOC#${part(documentId, 'documentId')}`,
  }),
  documentPrefix: 'DOC#',
  pendingUpload: (schoolId: string, uploadId: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}#UPLOAD#${part(uploadId, 'uploadId')}`,
    SK: 'UPLOAD',
  }),
};

export type DashboardEntryKind = 'ALERT' | 'ASSIGNED' | 'HISTORY' | 'VIEWED';

export const dashboardKeys = {
  partition: (schoolId: string, personId: string): string =>
    `SCHOOL#${part(schoolId, 'schoolId')}#USER#${part(personId, 'personId')}#DASH`,
  /** One unread alert per person per subject (an incident or a vault document): a later alert replaces it. */
  alert: (schoolId: string, personId: string, subject: string): TableKey => ({
    PK: dashboardKeys.partition(schoolId, personId),
    SK: `ALERT#${part(subject, 'subject')}`,
  }),
  assigned: (schoolId: string, personId: string, incidentId: string): TableKey => ({
    PK: dashboardKeys.partition(schoolId, personId),
    SK: `ASSIGNED#${part(incidentId, 'incidentId')}`,
  }),
  history: (schoolId: string, personId: string, at: string, entryId: string): TableKey => ({
    PK: dashboardKeys.partition(schoolId, personId),
    SK: `HISTORY#${part(at, 'at')}#${part(entryId, 'entryId')}`,
  }),
  viewed: (schoolId: string, personId: string, pupilId: string): TableKey => ({
    PK: dashboardKeys.partition(schoolId, personId),
    SK: `VIEWED#${part(pupilId, 'pupilId')}`,
  }),
  autoAlertRule: (schoolId: string, ruleId: string): TableKey => ({
    PK: `SCHOOL#${part(schoolId, 'schoolId')}`,
    SK: `AUTO_ALERT#${part(ruleId, 'ruleId')}`,
  }),
  autoAlertRulePrefix: 'AUTO_ALERT#',
};

export const trainingKeys = {
  partition: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}#TRAINING`,
  entry: (schoolId: string, incidentId: string, actionId?: string): TableKey => ({
    PK: trainingKeys.partition(schoolId),
    SK:
      actionId === undefined
        ? part(incidentId, 'incidentId')
        : `${part(incidentId, 'incidentId')}#ACTION#${part(actionId, 'actionId')}`,
  }),
};

/** Alert outbox (REC-5): written with the incident or action, deleted once its alerts are delivered. */
export type AlertOutboxEvent =
  { readonly kind: 'incident' } | { readonly kind: 'action'; readonly actionId: string };

export const alertOutboxKeys = {
  partition: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}#ALERT_OUTBOX`,
  eventPart: (event: AlertOutboxEvent): string =>
    event.kind === 'incident' ? 'INCIDENT' : `ACTION#${part(event.actionId, 'actionId')}`,
  item: (schoolId: string, incidentId: string, event: AlertOutboxEvent): TableKey => ({
    PK: alertOutboxKeys.partition(schoolId),
    SK: `${part(incidentId, 'incidentId')}#${alertOutboxKeys.eventPart(event)}`,
  }),
  /** One GSI1 partition for the whole region: the sweeper's oldest-first list of undelivered alerts. */
  pendingPartition: 'ALERT_OUTBOX',
  pendingSortKey: (
    createdAt: string,
    schoolId: string,
    incidentId: string,
    event: AlertOutboxEvent,
  ): string =>
    `${part(createdAt, 'createdAt')}#${part(schoolId, 'schoolId')}#${part(incidentId, 'incidentId')}#${alertOutboxKeys.eventPart(event)}`,
};

/**
 * MIS imports (MIS-1 … MIS-4). MIS ids are the MIS's own and may hold any character, so they are
 * percent-encoded into key parts.
 */
export const misKeys = {
  /** The school's import log, oldest first (import ids are UUIDv7, so they sort by time). */
  importsPartition: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}#MIS_IMPORTS`,
  importPrefix: 'IMPORT#',
  import: (schoolId: string, importId: string): TableKey => ({
    PK: misKeys.importsPartition(schoolId),
    SK: `IMPORT#${part(importId, 'importId')}`,
  }),
  /** Health, the newest extract and the last successful import: what the dashboard light reads. */
  state: (schoolId: string): TableKey => ({ PK: `SCHOOL#${part(schoolId, 'schoolId')}`, SK: 'MIS_STATE' }),
  /** One item per MIS pupil: which Lantern pupil it is and what was last applied (fingerprints). */
  pupilsPartition: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}#MIS_PUPILS`,
  pupil: (schoolId: string, misKey: string): TableKey => ({
    PK: misKeys.pupilsPartition(schoolId),
    SK: part(encodeURIComponent(misKey), 'misKey'),
  }),
  /** MIS staff, available to add as users. */
  staffPartition: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}#MIS_STAFF`,
  staff: (schoolId: string, misId: string): TableKey => ({
    PK: misKeys.staffPartition(schoolId),
    SK: part(encodeURIComponent(misId), 'misId'),
  }),
  /** Pupils newly archived or newly active after an import: the transfer detector's queue. */
  rollChangesPartition: (schoolId: string): string => `SCHOOL#${part(schoolId, 'schoolId')}#MIS_ROLL_CHANGES`,
  /** Chunked (a first import activates every pupil), so no item nears DynamoDB's 400 KB limit. */
  rollChange: (schoolId: string, importId: string, chunk: number): TableKey => ({
    PK: misKeys.rollChangesPartition(schoolId),
    SK: `IMPORT#${part(importId, 'importId')}#${String(chunk).padStart(4, '0')}`,
  }),
  /** GSI1: every school's roll changes the transfer detector has not yet taken, oldest first. */
  pendingRollChangesPartition: 'MIS_ROLL_CHANGES_PENDING',
};

/** Record transfers' copy (TRF-4): its durable plan and progress, beside the Transfer item. */
export const transferCopyKeys = {
  partition: (transferId: string): string => `TRANSFER#${part(transferId, 'transferId')}`,
  /** The state item and every plan chunk sort under this prefix. */
  prefix: 'COPY',
  state: (transferId: string): TableKey => ({ PK: transferCopyKeys.partition(transferId), SK: 'COPY' }),
  plan: (transferId: string, planId: string, chunk: number): TableKey => ({
    PK: transferCopyKeys.partition(transferId),
    SK: `COPY#PLAN#${part(planId, 'planId')}#${padded(chunk, 4)}`,
  }),
};
