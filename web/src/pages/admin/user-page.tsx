/**
 * Admin > Users > one user: who they are and their markers, then the things an admin can do for them
 * (change name or email, move group, help them sign in, remove lost keys, deactivate or reactivate),
 * their security log and, for those allowed to read audit trails, what they have viewed and changed.
 */
import { useCallback, useState } from 'react';
import { getUser, type UserDetail } from '../../api/admin-users';
import { listUserGroups } from '../../api/admin-user-groups';
import type { SessionView } from '../../api/session-view';
import { adminPaths } from '../../admin/admin-routes';
import { bothLoaded, useLoaded } from '../../admin/use-loaded';
import { ActionNotice, type ActionOutcome } from '../../components/action-notice';
import { AdminPage } from '../../components/admin-page';
import { AdminProblem } from '../../components/admin-problem';
import { UserMarkers } from '../../components/user-markers';
import { Link } from '../../routing/link';
import { UserAlertsSection } from './user/user-alerts-section';
import { UserAuditTrailSection } from './user/user-audit-trail-section';
import { UserAutoAlertsSection } from './user/user-auto-alerts-section';
import { UserDeactivateSection } from './user/user-deactivate-section';
import { UserDetailsForm } from './user/user-details-form';
import { UserGroupForm } from './user/user-group-form';
import { UserKeysSection } from './user/user-keys-section';
import { UserSecurityLogSection } from './user/user-security-log-section';
import { UserSignInActions } from './user/user-sign-in-actions';

interface UserPageProps {
  personId: string;
  view: SessionView;
  mayReadAudit: boolean;
}

function UserFacts({ user }: { user: UserDetail }) {
  return (
    <dl className="summary-list">
      <div className="summary-list__row">
        <dt>Email address</dt>
        <dd>{user.email}</dd>
      </div>
      <div className="summary-list__row">
        <dt>Status</dt>
        <dd>{user.status === 'active' ? 'Active' : 'Deactivated'}</dd>
      </div>
      <div className="summary-list__row">
        <dt>User group</dt>
        <dd>{user.groupName ?? 'None'}</dd>
      </div>
      <div className="summary-list__row">
        <dt>Password</dt>
        <dd>{user.hasPassword ? 'Set' : 'Not set yet'}</dd>
      </div>
      <div className="summary-list__row">
        <dt>Keys</dt>
        <dd>{user.keys.length === 0 ? 'None' : `${user.keys.length}`}</dd>
      </div>
    </dl>
  );
}

export function UserPage({ personId, view, mayReadAudit }: UserPageProps) {
  const load = useCallback(
    (signal: AbortSignal) => bothLoaded(getUser(personId, signal), listUserGroups(signal)),
    [personId],
  );
  const { state, reload, answers } = useLoaded(load);
  const [outcome, setOutcome] = useState<ActionOutcome | undefined>();

  function handleOutcome(next: ActionOutcome) {
    setOutcome(next);
    if (next.kind === 'done') reload();
  }

  const user = state.phase === 'loaded' ? state.value[0] : undefined;
  const groups = state.phase === 'loaded' ? state.value[1].groups : [];

  return (
    <AdminPage title={user ? user.displayName : 'User'}>
      <p>
        <Link href={user?.status === 'deactivated' ? adminPaths.deactivatedUsers : adminPaths.users}>
          {user?.status === 'deactivated' ? 'Back to deactivated users' : 'Back to users'}
        </Link>
      </p>
      <ActionNotice outcome={outcome} onReload={reload} />
      {state.phase === 'loading' && <p className="loading">Loading…</p>}
      {state.phase === 'failed' && <AdminProblem problem={state.problem} />}
      {user && (
        // A fresh answer after an action starts the forms again from the saved values, and loads the
        // security log (which most actions add to) again.
        <div key={answers} className="admin-sections">
          <div className="admin-section">
            <UserMarkers user={user} />
            <UserFacts user={user} />
          </div>
          <UserDetailsForm user={user} onChanged={handleOutcome} />
          <UserGroupForm user={user} groups={groups} onChanged={handleOutcome} />
          {user.status === 'active' && <UserSignInActions user={user} onDone={handleOutcome} />}
          <UserKeysSection user={user} onDone={handleOutcome} />
          {user.status === 'active' && <UserAutoAlertsSection user={user} onDone={handleOutcome} />}
          {user.status === 'active' && <UserAlertsSection user={user} onDone={handleOutcome} />}
          {user.status === 'active' && (
            <UserDeactivateSection
              user={user}
              isSelf={user.personId === view.person.personId}
              onDone={handleOutcome}
            />
          )}
          <UserSecurityLogSection personId={user.personId} displayName={user.displayName} />
          {mayReadAudit && <UserAuditTrailSection personId={user.personId} displayName={user.displayName} />}
        </div>
      )}
    </AdminPage>
  );
}
