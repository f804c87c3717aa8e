import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import ApprovalNotice from './ApprovalNotice.vue';
import { approval } from './test-fixtures';

describe('ApprovalNotice', () => {
  it('names each rule triggered in the server’s words, in a live region', () => {
    const wrapper = mount(ApprovalNotice, { props: { approval: approval(), status: 'DRAFT' } });
    const notice = wrapper.get('[data-testid="approval-notice"]');
    expect(notice.attributes('aria-live')).toBe('polite');
    expect(notice.classes()).toContain('approval-notice--warn');
    expect(notice.text()).toContain('Needs a sales manager’s approval before it can be sent');
    expect(wrapper.findAll('[data-testid="approval-trigger"]').map((t) => t.text())).toEqual([
      "The quote's discount of 16.4% is above the 10% of rule 'Discount above 10%', which needs a sales manager's approval.",
    ]);
  });

  it('says it is waiting while pending, and approved once a manager approved these figures', () => {
    const pending = mount(ApprovalNotice, { props: { approval: approval(), status: 'PENDING_APPROVAL' } });
    expect(pending.text()).toContain('Waiting for a sales manager’s approval');
    const approved = mount(ApprovalNotice, {
      props: { approval: approval(), status: 'APPROVED', approvedForThisRevision: true },
    });
    expect(approved.text()).toContain('Approved by a sales manager');
    expect(approved.get('[data-testid="approval-notice"]').classes()).toContain('approval-notice--ok');
  });

  it('says when nothing needs approval, and lists the rules it could not check', () => {
    const wrapper = mount(ApprovalNotice, {
      props: {
        approval: approval({
          needed: false,
          triggers: [],
          unchecked: [{ ruleId: 4, message: 'Line 2 has no cost: its margin was not checked.' }],
        }),
        status: 'DRAFT',
      },
    });
    expect(wrapper.get('[data-testid="approval-none"]').text()).toContain('No approval needed');
    expect(wrapper.get('[data-testid="approval-unchecked-list"] summary').text()).toBe('1 rule not checked');
    expect(wrapper.get('[data-testid="approval-unchecked"]').text()).toBe(
      'Line 2 has no cost: its margin was not checked.',
    );
  });
});
