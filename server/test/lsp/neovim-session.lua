-- What a user does in Neovim with the cowlens module, headless, recording what Neovim shows at
-- each step into the JSON file $COWLENS_TEST_OUT for neovim.test.ts to check: open a file (the
-- FileType autocmd attaches it), :CowlensRun it, then edit it. Run after an init that called
-- require('cowlens').setup(); the file to open is $COWLENS_TEST_FILE.
local out = {}
local messages = {}
vim.notify = function(message, level)
  table.insert(messages, { message = message, level = level })
end

local function finish(failure)
  out.failure = failure or vim.NIL
  out.messages = messages
  local file = assert(io.open(os.getenv('COWLENS_TEST_OUT'), 'w'))
  file:write(vim.json.encode(out))
  file:close()
  vim.cmd('qa!')
end

local function wait_for(what, test)
  if not vim.wait(60000, test, 20) then
    finish('timed out waiting for ' .. what)
    error('timed out waiting for ' .. what)
  end
end

local function hints()
  local found = {}
  for _, item in ipairs(vim.lsp.inlay_hint.get({ bufnr = 0 })) do
    local label = item.inlay_hint.label
    if type(label) == 'table' then
      label = table.concat(vim.tbl_map(function(part)
        return part.value
      end, label))
    end
    table.insert(found, { line = item.inlay_hint.position.line, label = label })
  end
  table.sort(found, function(a, b)
    return a.line < b.line
  end)
  return found
end

local function lenses()
  local found = {}
  for _, lens in ipairs(vim.lsp.codelens.get(0)) do
    table.insert(found, { line = lens.range.start.line, title = lens.command and lens.command.title or '' })
  end
  return found
end

local function diagnostic_lines()
  local lines = vim.tbl_map(function(d)
    return d.lnum
  end, vim.diagnostic.get(0, { namespace = nil }))
  table.sort(lines)
  return lines
end

local function same(a, b)
  return vim.deep_equal(a, b)
end

local function figures_shown()
  for _, hint in ipairs(hints()) do
    if hint.label:find('copies', 1, true) then
      return true
    end
  end
  for _, lens in ipairs(lenses()) do
    if lens.title:find('copies', 1, true) then
      return true
    end
  end
  return false
end

vim.cmd.edit(os.getenv('COWLENS_TEST_FILE'))
wait_for('the cowlens client to attach', function()
  local client = vim.lsp.get_clients({ name = 'cowlens', bufnr = 0 })[1]
  return client ~= nil and client.initialized == true
end)
local client = vim.lsp.get_clients({ name = 'cowlens', bufnr = 0 })[1]
out.root_dir = client.root_dir
out.inlay_hints_enabled = vim.lsp.inlay_hint.is_enabled({ bufnr = 0 })
wait_for('the static inlay hints', function()
  return #hints() > 0
end)
out.static_hints = hints()

vim.cmd('CowlensRun')
wait_for('the run to finish', function()
  return require('cowlens').status():find('finished', 1, true) ~= nil
end)
out.status = require('cowlens').status()
wait_for('the figures', figures_shown)
-- Code lenses are asked for on their events and on each snapshot: give the last answer time to land.
vim.wait(500)
out.run_hints = hints()
out.run_lenses = lenses()
-- What a user who refreshes code lenses by hand would see, whatever the module asks for.
out.server_lenses = {}
local answers = vim.lsp.buf_request_sync(0, 'textDocument/codeLens', { textDocument = vim.lsp.util.make_text_document_params(0) }, 10000)
for _, answer in pairs(answers or {}) do
  for _, lens in ipairs(answer.result or {}) do
    table.insert(out.server_lenses, { line = lens.range.start.line, title = lens.command and lens.command.title or '' })
  end
end
wait_for('the diagnostics', function()
  return #diagnostic_lines() > 0
end)
out.diagnostics = diagnostic_lines()

vim.cmd('CowlensReport json')
wait_for('the report', function()
  return vim.api.nvim_buf_get_name(0) ~= os.getenv('COWLENS_TEST_FILE')
end)
out.report = vim.json.decode(table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n'))
vim.cmd('close')

-- Two lines inserted above everything: the diagnostics move down two lines.
vim.api.nvim_buf_set_lines(0, 0, 0, false, { '', '' })
local shifted = vim.tbl_map(function(line)
  return line + 2
end, out.diagnostics)
wait_for('the diagnostics to move with the edit', function()
  return same(diagnostic_lines(), shifted)
end)
out.diagnostics_after_insert = diagnostic_lines()

-- The line of the first site removed: its diagnostic goes, the others move up one line.
local removed = shifted[1]
vim.api.nvim_buf_set_lines(0, removed, removed + 1, false, {})
wait_for('the diagnostics to follow the removal', function()
  return #diagnostic_lines() == #shifted - 1
end)
out.diagnostics_after_removal = diagnostic_lines()

local function said(text)
  for _, m in ipairs(messages) do
    if m.message:find(text, 1, true) then
      return m.message
    end
  end
  return nil
end

vim.cmd('CowlensStop')
wait_for('the answer to :CowlensStop', function()
  return said('no run is going') ~= nil
end)

-- The project's test command (npm test), whose script fails: the user is told, and sees its output.
vim.cmd('CowlensRunTests')
wait_for('the test run to fail', function()
  return said('exited with status') ~= nil
end)
out.test_run_message = said('exited with status')
vim.cmd('CowlensOutput')
out.output = vim.api.nvim_buf_get_lines(0, 0, -1, false)
vim.cmd('close')

vim.cmd('CowlensClear')
wait_for('the figures to go', function()
  return not figures_shown()
end)
finish(nil)
