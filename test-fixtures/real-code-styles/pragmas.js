#!/usr/bin/env node
"use client"
// @ts-nocheck
const a = { k: [1] }
const b = { ...a }
b.k = []
console.log(a, b)
// a last line comment with no newline