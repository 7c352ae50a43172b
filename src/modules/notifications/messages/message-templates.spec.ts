import * as OpenCC from 'opencc-js';
import { withGlossary } from '../../../../packages/shared/zh-hant';
import { redact } from './mail-transport';
import { renderMessage, TemplateName } from './message-templates';

const VALUES = {
  title: 'T1', body: 'B1', link: 'https://portal.example/x?token=abc', caseTitle: 'C1', stageName: 'S1', dueAt: '2026-12-06 18:30 (UTC+8)',
  organizationName: 'O1', roleName: 'R1', expiresAt: '2026-12-13 18:30 (UTC+8)', minutes: '60',
};
const TEMPLATES: TemplateName[] = ['notification', 'approval.task_reminder', 'account.invitation', 'account.password_reset'];

describe('e-mail and SMS templates', () => {
  it.each(TEMPLATES)('%s renders in every locale: subject, text with the link, HTML, short SMS', (name) => {
    for (const locale of ['zh-CN', 'zh-Hant', 'en'] as const) {
      const m = renderMessage(name, locale, VALUES);
      for (const part of [m.subject, m.text, m.html, m.sms]) expect(part).not.toMatch(/undefined|\$\{/);
      expect(m.text).toContain(VALUES.link);
      expect(m.html).toContain(`href="${VALUES.link}"`);
      expect(m.html).toContain(`lang="${locale}"`);
      expect(m.sms.length).toBeLessThanOrEqual(200);
    }
  });

  it('the 繁體 texts are what the portal’s converter (OpenCC + glossary, docs/i18n.md) makes of the 简体 ones', () => {
    const convert = OpenCC.Converter({ from: 'cn', to: 'tw' });
    for (const name of TEMPLATES) {
      const cn = renderMessage(name, 'zh-CN', VALUES);
      const hant = renderMessage(name, 'zh-Hant', VALUES);
      expect({ name, subject: hant.subject, text: hant.text, sms: hant.sms }).toEqual({
        name,
        subject: withGlossary(cn.subject, convert),
        text: withGlossary(cn.text, convert),
        sms: withGlossary(cn.sms, convert),
      });
    }
  });

  it('the reminder names the stage in English for English readers when it has an English name', () => {
    const values = { ...VALUES, stageName: '市科技局审批', stageNameEn: 'City S&T bureau approval' };
    expect(renderMessage('approval.task_reminder', 'en', values).text).toContain('The City S&T bureau approval step of "C1"');
    expect(renderMessage('approval.task_reminder', 'zh-CN', values).text).toContain('“C1”的市科技局审批环节');
    expect(renderMessage('approval.task_reminder', 'en', VALUES).text).toContain('The S1 step of "C1"');
  });

  it('escapes values in the HTML', () => {
    const m = renderMessage('notification', 'en', { ...VALUES, title: '<script>x</script>', body: '"a" & b' });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
    expect(m.html).toContain('&quot;a&quot; &amp; b');
  });

  it('keeps SMTP credentials out of error texts', () => {
    expect(redact('535 auth failed for s3cret-pass', { SMTP_PASS: 's3cret-pass', SMTP_URL: undefined })).toBe('535 auth failed for ***');
    expect(redact('connect smtp://u:p%40ss@h failed p@ss', { SMTP_PASS: undefined, SMTP_URL: 'smtp://u:p%40ss@h' })).toBe('connect smtp://u:***@h failed ***');
  });
});
