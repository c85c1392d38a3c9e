// Page objects for the account screens.
import { expect, type Page } from '@playwright/test'

export class SignUpPage {
  constructor(private readonly page: Page) {}

  async register({ phone, password, name, email }: { phone: string; password: string; name?: string; email?: string }) {
    await this.page.goto('/sign-up')
    await this.page.getByLabel('Phone number').fill(phone)
    if (name) await this.page.getByLabel('Name (optional)').fill(name)
    if (email) await this.page.getByLabel('Email (optional, for password resets)').fill(email)
    await this.page.getByLabel('Password', { exact: true }).fill(password)
    await this.page.getByLabel('Repeat the password').fill(password)
    await this.page.getByRole('button', { name: 'Create account' }).click()
  }
}

export class SignInPage {
  constructor(private readonly page: Page) {}

  async signIn(identifier: string, password: string) {
    await this.page.goto('/sign-in')
    await this.page.getByLabel('Phone number or email').fill(identifier)
    await this.page.getByLabel('Password').fill(password)
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click()
  }

  async expectError(text: RegExp) {
    await expect(this.page.locator('form').getByRole('alert')).toContainText(text)
  }
}

export class SettingsPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/settings')
    await expect(this.page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
  }

  async changePassword(current: string, next: string) {
    await this.page.getByLabel('Current password').fill(current)
    await this.page.getByLabel('New password', { exact: true }).fill(next)
    await this.page.getByLabel('Repeat the new password').fill(next)
    await this.page.getByRole('button', { name: 'Change password' }).click()
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out', exact: true }).first().click()
    await expect(this.page).toHaveURL(/\/sign-in/)
  }
}
