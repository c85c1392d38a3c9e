import type { InputHTMLAttributes } from 'react'

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string
  name: string
  errors?: string[]
  hint?: string
}

/** A labelled input with its hint and errors announced to screen readers. */
export function Field({ label, name, errors, hint, id, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`
  const describedBy = [hint ? `${inputId}-hint` : '', errors?.length ? `${inputId}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 aria-invalid:border-red-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
        {...input}
      />
      {hint && (
        <p id={`${inputId}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${inputId}-error`} className="text-sm text-red-700 dark:text-red-400">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  )
}
