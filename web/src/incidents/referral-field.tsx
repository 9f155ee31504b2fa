/**
 * The referral decision (BYD-5): not recorded yet, referred (to which agencies, and why), or decided
 * not to refer (and why). Lantern keeps who decided and when.
 */
import type { Agency } from '../api/agencies';
import type { ReferralDecision } from '../api/incidents';
import { TextareaField } from '../components/textarea-field';
import { AgenciesField } from './agencies-field';
import { RadioChoice } from './radio-choice';

export type ReferralChoice = 'none' | 'referred' | 'not-referred';

export interface ReferralState {
  choice: ReferralChoice;
  agencyIds: string[];
  rationale: string;
}

export const NO_REFERRAL: ReferralState = { choice: 'none', agencyIds: [], rationale: '' };

/** The decision to send, or undefined when none is recorded. */
export function referralDecision(state: ReferralState): ReferralDecision | undefined {
  switch (state.choice) {
    case 'none':
      return undefined;
    case 'referred':
      return { decision: 'referred', agencyIds: state.agencyIds, rationale: state.rationale.trim() };
    case 'not-referred':
      return { decision: 'not-referred', rationale: state.rationale.trim() };
  }
}

/** What the person must still fill in, if anything. */
export function referralProblem(state: ReferralState): string | undefined {
  if (state.choice === 'referred' && state.agencyIds.length === 0) return 'Choose who the referral went to';
  if (state.choice === 'not-referred' && state.rationale.trim() === '')
    return 'Say why the decision was not to refer';
  return undefined;
}

interface ReferralFieldProps {
  id: string;
  agencies: readonly Agency[];
  value: ReferralState;
  onChange: (value: ReferralState) => void;
  error?: string | undefined;
}

export function ReferralField({ id, agencies, value, onChange, error }: ReferralFieldProps) {
  return (
    <div className="referral-field">
      <RadioChoice
        id={id}
        legend="Referral decision"
        options={[
          { value: 'none', label: 'Not decided yet' },
          { value: 'referred', label: 'Referred' },
          { value: 'not-referred', label: 'Decided not to refer' },
        ]}
        value={value.choice}
        onChange={(choice) => onChange({ ...value, choice })}
        error={error}
      />
      {value.choice === 'referred' && (
        <AgenciesField
          id={`${id}-agencies`}
          legend="Referred to"
          agencies={agencies}
          selected={value.agencyIds}
          onChange={(agencyIds) => onChange({ ...value, agencyIds })}
        />
      )}
      {value.choice !== 'none' && (
        <TextareaField
          id={`${id}-rationale`}
          label={value.choice === 'referred' ? 'Why (optional)' : 'Why not'}
          value={value.rationale}
          onChange={(rationale) => onChange({ ...value, rationale })}
          rows={3}
        />
      )}
    </div>
  );
}
