// Outgoing email through nodemailer: SMTP when SMTP_URL is set, otherwise each message is
// written as an .eml file into .data/outbox/ so a local install can still reset a password.
import fs from 'node:fs'
import path from 'node:path'
import nodemailer from 'nodemailer'
import { dataDirectory } from '@/db'

export interface Mail {
  to: string
  subject: string
  text: string
}

export function mailFrom(): string {
  return process.env.MAIL_FROM ?? 'mnemo <no-reply@localhost>'
}

export function outboxDirectory(): string {
  return path.join(dataDirectory(), 'outbox')
}

/** Sends a message; returns where it went (`smtp`, or the path of the .eml file). */
export async function sendMail(mail: Mail): Promise<string> {
  const smtpUrl = process.env.SMTP_URL?.trim()
  if (smtpUrl) {
    const transport = nodemailer.createTransport(smtpUrl)
    await transport.sendMail({ from: mailFrom(), ...mail })
    return 'smtp'
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  const info = await transport.sendMail({ from: mailFrom(), ...mail })
  const dir = outboxDirectory()
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`)
  fs.writeFileSync(file, info.message as Buffer, { mode: 0o600 })
  console.log(`[mnemo] SMTP_URL is not set: wrote the email "${mail.subject}" to ${file}`)
  return file
}
