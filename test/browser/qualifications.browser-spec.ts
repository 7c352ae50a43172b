import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPerson, signIn } from '../support/browser';
import { registerOrganization, TEST_PASSWORD } from '../support/factories';
import { pdfBytes, qualificationStatus, verificationTask } from '../support/qualifications';
import { DEMO, eventually, login, Session, startTestApp, TestApp } from '../support/test-app';
import { choose } from './enterprise-lab.steps';

/** Types a date into an antd picker and confirms it with Tab (Enter would also submit the form). */
async function typeDate(page: Page, id: string, text: string): Promise<void> {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(text);
  await input.press('Tab');
}

/**
 * 企业资质 through the portal: the enterprise declares a qualification with its certificate file
 * (upload with progress); the district reviewer opens the case, downloads the certificate and
 * verifies it; the enterprise's page shows it verified.
 */
describe('web portal: qualifications are declared with a certificate and verified by the district bureau', () => {
  let app: TestApp;
  let browser: Browser;
  let reviewer: Session;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    reviewer = await login(app, DEMO.reviewer);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the enterprise declares through the page; the reviewer verifies on the case page after opening the certificate', async () => {
    const enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const certificateNo = `GR2025${Date.now().toString().slice(-6)}`;
    const person = await newPerson(browser, app.running.url!);
    const { page } = person;
    await signIn(person, enterprise.user.email, TEST_PASSWORD);
    await page.goto('/enterprise/qualifications');
    const form = page.getByTestId('declare-form');
    await form.waitFor();

    // Without a file the form refuses and says why; nothing is sent.
    await choose(page, 'kind', '高新技术企业');
    await page.locator('#certificateNo').fill(certificateNo);
    await page.locator('#issuer').fill('浙江省高新技术企业认定管理工作领导小组');
    await typeDate(page, 'validFrom', '2025-12-19');
    await typeDate(page, 'validTo', '2028-12-18');
    await form.getByTestId('form-submit').click();
    await page.getByText('请选择证书文件').first().waitFor();

    await page.getByTestId('declare-qualification').locator('input[type=file]').setInputFiles({ name: '高新技术企业证书.pdf', mimeType: 'application/pdf', buffer: pdfBytes() });
    await form.getByTestId('form-submit').click();
    const row = page.getByTestId(`qualification-${certificateNo}`);
    await row.waitFor({ timeout: 30_000 });
    await row.locator('[data-status="in_review"], [data-status="declared"]').first().waitFor();
    await row.getByText('高新技术企业证书.pdf').waitFor();

    const [{ id }] = (await app.dataSource.query(`SELECT id FROM enterprise_qualifications WHERE certificate_no = $1`, [certificateNo])) as { id: string }[];
    const { caseId } = await verificationTask(app, reviewer.auth, id);

    // The district reviewer: the case page shows the declaration and downloads the certificate.
    const bureau = await newPerson(browser, app.running.url!);
    await signIn(bureau, DEMO.reviewer);
    await bureau.page.goto(`/review/cases/${caseId}`);
    const subject = bureau.page.getByTestId('case-subject');
    await subject.getByText(certificateNo).waitFor({ timeout: 30_000 });
    await subject.getByText('浙江省高新技术企业认定管理工作领导小组').waitFor();
    const [download] = await Promise.all([bureau.page.waitForEvent('download'), bureau.page.getByTestId('case-certificate').click()]);
    expect(download.suggestedFilename()).toBe('高新技术企业证书.pdf');
    await bureau.page.getByTestId('decision-form').waitFor({ timeout: 30_000 });
    await bureau.page.getByTestId('decision-approve').click();
    await bureau.page.getByTestId('decision-form').getByTestId('form-submit').click();
    await eventually(async () => (await qualificationStatus(app, id)) === 'verified', 30_000, 'verified');

    await page.reload();
    await page.getByTestId(`qualification-${certificateNo}`).locator('[data-status="verified"]').waitFor({ timeout: 30_000 });
    expect(person.errors).toEqual([]);
    expect(bureau.errors).toEqual([]);
    await person.context.close();
    await bureau.context.close();
  });
});
