import { defineLifecycle } from '../../../platform/state/state-machine';

/**
 * A co-host invitation (联合主办邀请): the host city invites another G60 city to co-host a session; that city's
 * organisers accept or decline. Accepted co-hosts moderate the live page and read the session's statistics. The
 * host withdraws an invitation (answered or not) and may invite a city again after it declined or was withdrawn.
 */
export type CoHostStatus = 'invited' | 'accepted' | 'declined' | 'withdrawn';
export type CoHostEvent = 'accept' | 'decline' | 'withdraw' | 'reinvite';

export const COHOST_STATES = defineLifecycle<CoHostStatus, CoHostEvent>({
  key: 'roadshow_cohost_invitation',
  module: 'roadshows',
  subject: 'co-host invitation',
  title: '联合主办邀请 co-host invitation',
  states: ['invited', 'accepted', 'declined', 'withdrawn'],
  events: { prefix: 'roadshow_cohost' },
  transitions: {
    accept: { from: ['invited'], to: 'accepted' },
    decline: { from: ['invited'], to: 'declined' },
    withdraw: { from: ['invited', 'accepted'], to: 'withdrawn' },
    reinvite: { from: ['declined', 'withdrawn'], to: 'invited' },
  },
});

/**
 * A referral (项目推荐): a city refers a project to another city, for one of its sessions or its next one. The
 * receiving city accepts (the project becomes schedulable in its sessions) or declines with a reason; the referring
 * city withdraws a referral not yet answered.
 */
export type ReferralStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';
export type ReferralEvent = 'accept' | 'decline' | 'withdraw';

export const REFERRAL_STATES = defineLifecycle<ReferralStatus, ReferralEvent>({
  key: 'roadshow_referral',
  module: 'roadshows',
  subject: 'project referral',
  title: '项目推荐 project referral between alliance cities',
  states: ['pending', 'accepted', 'declined', 'withdrawn'],
  events: { prefix: 'roadshow_referral' },
  transitions: {
    accept: { from: ['pending'], to: 'accepted' },
    decline: { from: ['pending'], to: 'declined' },
    withdraw: { from: ['pending'], to: 'withdrawn' },
  },
});
