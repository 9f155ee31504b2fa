/**
 * What the demo incidents and actions say: short, plausible, non-graphic notes of the kind staff write,
 * one list per default category (lib/categories/default-categories.ts, by name) and one per kind of
 * action. Pronouns are tokens so one template fits any pupil: {they} she/he, {them} her/him, {their}
 * her/his, and capitalised {They} / {Their}. The texts never name a pupil, so a pupil's copy reads the
 * same whoever it is shown for. Every text is invented.
 */

export const INCIDENT_TEXTS: Readonly<Record<string, readonly string[]>> = {
  Attendance: [
    'Absent again today with no call from home; third unexplained absence this half term.',
    '{They} arrived at 10:40 and said {they} had been looking after a younger sibling this morning.',
    'Attendance has dropped to 86% this term. {They} said mornings at home have been difficult.',
    'Parent rang at 9:30 to say {they} would not be in; no reason given. Pattern of Monday absences.',
  ],
  Punctuality: [
    'Late to registration for the fourth day this week; {they} said {they} walks in alone now.',
    'Arrived after the bell again, looking flustered. Said the alarm at home had not gone off.',
  ],
  Behaviour: [
    'Refused to join in with group work and left the classroom without permission; calmed down in the library.',
    'Shouted at a classmate during PE after losing a game, then apologised at the end of the lesson.',
    'Unusually short-tempered all morning. When asked, {they} said {they} had not slept well.',
    'Threw a pencil case across the room during maths. Spent lunchtime talking it through with the class teacher.',
  ],
  'Low level disruption': [
    'Repeated talking and distracting others during the carpet session despite reminders.',
    'Kept getting up and wandering around the room during independent writing.',
  ],
  'Removed from class': [
    'Removed from the lesson after repeatedly refusing to follow instructions; worked with a TA for the rest of the session.',
    'Sent to the resource base to calm down after a disagreement escalated at the start of science.',
  ],
  Bullying: [
    '{They} told me that a group in the year above keep taking {their} snack at break.',
    'Parent reports {they} has been left out of games at lunchtime for several weeks and is now reluctant to come in.',
  ],
  Cyber: [
    '{They} showed me unkind messages about {them} in a class group chat over the weekend.',
    'Said someone made a fake account using {their} photo and posted comments about {their} appearance.',
  ],
  Physical: [
    'Was pushed over on the playground by another pupil; small graze on the knee cleaned by first aider.',
    'Reported being kicked under the table during lunch on two days this week.',
  ],
  Verbal: [
    'Came in upset after break: another pupil has been calling {them} names about {their} clothes.',
    'Overheard name-calling directed at {them} in the corridor; {they} said it happens most days.',
  ],
  'Prejudice-based': [
    'Reported that another pupil made comments about {their} family’s religion during lunch.',
    '{They} said a group made remarks about {their} accent and copied the way {they} speak.',
  ],
  'Child protection': [
    '{They} said {they} did not want to go home tonight because of arguments there. Passed to the DSL straight away.',
    'Noticed a bruise on {their} upper arm while changing for PE. {They} said {they} could not remember how it happened.',
    '{They} disclosed that an adult at home had been shouting and had locked {them} out of the house for a while.',
  ],
  'Child-on-child abuse': [
    '{They} reported that an older pupil had been making {them} uncomfortable by repeatedly asking for photos.',
    'Reported being pressured by other pupils to do things {they} did not want to do at the park after school.',
  ],
  'Child missing education': [
    'No contact from the family for five school days; calls unanswered and no one at the address on a home visit.',
    'Family said they may be moving away but no new school has been named.',
  ],
  'Contact with external agency': [
    'Social worker phoned to ask for an attendance and wellbeing update ahead of a review meeting.',
    'School nurse visited and asked about {their} recent weight loss; information shared with the DSL.',
  ],
  'Domestic abuse': [
    'Police notification (Operation Encompass) received this morning about an incident at the home overnight.',
    '{They} said there had been shouting at home and that {they} had hidden in {their} bedroom with a sibling.',
  ],
  'Home issues': [
    'Said {they} had not eaten breakfast for several days; seemed tired and withdrawn in form time.',
    'Mentioned that a parent has moved out and {they} is now splitting the week between two homes.',
    '{They} said there is not much food in the house at the moment and asked to take fruit home.',
  ],
  'Medical issues': [
    'Complained of headaches for the third day running; parent informed and advised to see the GP.',
    'Inhaler was not in school today despite several reminders to home.',
  ],
  'First aid': [
    'Fell in the playground and bumped {their} head; first aid given, head-bump letter sent home.',
    'Small cut on the finger from scissors in DT; cleaned and plaster applied.',
  ],
  'Mental health': [
    'Very tearful at lunchtime and said {they} felt “like nobody cares”. Sat with a TA until calm.',
    'Has been withdrawn for a couple of weeks, eating alone and not joining in at break.',
    'Told the class teacher {they} was worried all the time and found it hard to concentrate in lessons.',
  ],
  Anxiety: [
    'Became panicky before the spelling test, breathing fast; taken to a quiet room and calmed within ten minutes.',
    'Refused to come into the classroom this morning and stayed with the office staff until settled.',
  ],
  'Self-harm': [
    'Noticed scratches on {their} forearm during art. {They} said {they} had done it when upset at the weekend.',
    'A friend told a member of staff that {they} had been hurting {themselves}; spoke to {them} with the DSL.',
  ],
  Neglect: [
    'Uniform has been unwashed for over a week and {they} has come in without a coat in cold weather.',
    'Said {they} had not eaten breakfast for several days; seemed tired and withdrawn in form time.',
    'Head lice reported again; letters sent home twice this term with no change.',
  ],
  'Online safety': [
    '{They} said an adult {they} met in an online game asked {them} to move to a private chat app.',
    'Mentioned playing games rated 18 late into the night and being very tired as a result.',
  ],
  'Parental contact': [
    'Parent came in at the end of the day concerned about friendship issues; agreed to keep an eye at break.',
    'Parent phoned to say {they} has been struggling to sleep and asked for support in school.',
  ],
  Prevent: [
    'Repeated comments in class supporting an extremist group {they} had seen online; discussed with the DSL.',
  ],
  SEND: [
    'Became overwhelmed in the noisy hall during assembly; movement break agreed as part of the support plan.',
    'Support plan reviewed with parents; agreed a visual timetable and a quiet space at lunch.',
  ],
};

/** Kinds of action the demo uses: each has a few phrasings and says whether it records a referral decision. */
export type DemoActionKind =
  'phone-parent' | 'spoke-to-pupil' | 'meeting' | 'referral' | 'early-help' | 'nfa';

export const ACTION_TEXTS: Readonly<Record<DemoActionKind, readonly string[]>> = {
  'phone-parent': [
    'Phoned parent to share the concern. Parent was supportive and will talk to {them} at home.',
    'Called home; no answer. Left a message asking a parent to call the school back.',
    'Spoke to parent on the phone. They were aware and said things have been hard at home recently.',
  ],
  'spoke-to-pupil': [
    'DSL spoke to {them} at lunchtime. {They} said things are better this week and knows who to talk to.',
    'Checked in with {them} at the start of the day; {they} seemed brighter and joined in at break.',
  ],
  meeting: [
    'Meeting with parents, class teacher and DSL. Agreed daily check-ins and a review in four weeks.',
    'Team around the family meeting held; actions agreed for school and home.',
  ],
  referral: [
    'Referral made to the MASH (children’s social care) by phone, followed up with the online form.',
    'Consulted children’s social care; referral accepted for a child and family assessment.',
  ],
  'early-help': [
    'Early help assessment started with the family’s agreement; first meeting booked.',
    'Referred to the school nurse for a wellbeing check.',
  ],
  nfa: [
    'No further action: explanation is consistent and there are no other concerns. Will keep monitoring.',
    'No further action after speaking with parent; a one-off that has been resolved.',
  ],
};

/** The rationale recorded with a decision not to refer (BYD-5). */
export const NOT_REFERRED_RATIONALES: readonly string[] = [
  'Threshold for a referral not met: a single concern with a clear explanation; monitoring in school instead.',
  'Discussed with the deputy DSL: support in school and with the family is proportionate for now.',
  'Early help in place and engaging well; no new information that would change the threshold decision.',
];

export const REFERRED_RATIONALES: readonly string[] = [
  'Pattern of concerns over several weeks together with today’s disclosure.',
  'Disclosure of harm at home: a referral is needed under the local safeguarding partnership’s threshold guidance.',
];

interface Pronouns {
  readonly they: string;
  readonly them: string;
  readonly their: string;
  readonly themselves: string;
}

const PRONOUNS: Readonly<Record<'F' | 'M', Pronouns>> = {
  F: { they: 'she', them: 'her', their: 'her', themselves: 'herself' },
  M: { they: 'he', them: 'him', their: 'his', themselves: 'himself' },
};

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * A template with its pronoun tokens filled for a pupil of this gender. Pupils whose gender is not
 * given as F or M are "the pupil" / "the pupil's", which keeps every template grammatical.
 */
export function fillPronouns(template: string, gender: string): string {
  const pronouns: Pronouns =
    gender === 'F' || gender === 'M'
      ? PRONOUNS[gender]
      : { they: 'the pupil', them: 'the pupil', their: 'the pupil’s', themselves: 'themselves' };
  return template.replace(/\{(They|they|Them|them|Their|their|themselves)\}/g, (_match, token: string) => {
    const word = pronouns[token.toLowerCase() as keyof Pronouns];
    return token.charAt(0) === token.charAt(0).toUpperCase() ? capitalise(word) : word;
  });
}
