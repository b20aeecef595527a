-- cowlens for Neovim 0.10 or later: starts the cowlens language server for JavaScript and
-- TypeScript buffers, shows its hints, figures and diagnostics, and runs programs with
-- :CowlensRun, :CowlensRunTests, :CowlensRunEntry and :CowlensStop (the server's cowlens/startRun
-- and cowlens/stopRun requests, server/src/lsp/protocol.ts).
local M = {}

local NAME = 'cowlens'

-- This file is client/neovim/lua/cowlens/init.lua of a cowlens checkout: five levels up is its root.
local REPO = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h:h:h:h')

local defaults = {
  -- The server as a checkout builds it (`npm install` there builds server/dist).
  cmd = { 'node', REPO .. '/server/bin/cowlens.js', 'lsp', '--stdio' },
  -- The languages cowlens analyses and runs (client/src/languages.ts).
  filetypes = { 'javascript', 'typescript', 'javascriptreact', 'typescriptreact' },
  -- A buffer's workspace folder is the nearest directory holding one of these, else its own directory.
  root_markers = { 'package.json', '.git' },
  -- Where a run's figures go (the server's figurePlacement option): 'endOfLine' in the inlay hint
  -- after each site, 'codeLens' in a code lens, 'auto' in the hint unless the line would pass
  -- column 120. Neovim 0.10 draws code lenses after the line too, so the hint is the default.
  figure_placement = 'endOfLine',
  -- The `cowlens` settings the server reads (mode, testCommand, entry, budgets...: the cowlens.*
  -- settings of the VS Code extension, without the prefix).
  settings = {},
}

local config = vim.deepcopy(defaults)

-- The latest cowlens/runFigures of a run started from this Neovim, for status().
local latest

local function notify(message, level)
  vim.notify('cowlens: ' .. message, level or vim.log.levels.INFO)
end

-- Neovim 0.11 made the client's methods take the client itself (client:request); 0.10 closes over it.
local function request(client, method, params, handler, bufnr)
  if vim.fn.has('nvim-0.11') == 1 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function clients(bufnr)
  return vim.lsp.get_clients({ name = NAME, bufnr = bufnr })
end

local function uses_lenses()
  return config.figure_placement ~= 'endOfLine'
end

local function refresh_lenses(bufnr)
  if uses_lenses() and #clients(bufnr) > 0 then
    vim.lsp.codelens.refresh({ bufnr = bufnr })
  end
end

-- The program's output, as the server passes it on, in a buffer of its own (:CowlensOutput).
local output_buffer

local function output()
  if output_buffer == nil or not vim.api.nvim_buf_is_valid(output_buffer) then
    output_buffer = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(output_buffer, 'cowlens://output')
  end
  return output_buffer
end

local function append_output(text)
  local buf = output()
  local last = vim.api.nvim_buf_line_count(buf)
  local tail = vim.api.nvim_buf_get_lines(buf, last - 1, last, false)[1] or ''
  local lines = vim.split(tail .. text, '\r?\n')
  vim.api.nvim_buf_set_lines(buf, last - 1, last, false, lines)
end

-- What the user is told when a run ends, as the VS Code client says it (client/src/run-outcome.ts).
local function on_finished(figures)
  if figures.attached or figures.stopped then
    return
  end
  local missing = ''
  if figures.complete == false and figures.incomplete and #figures.incomplete > 0 then
    missing = ' Figures may be missing: ' .. table.concat(figures.incomplete, '; ') .. '.'
  end
  local exit_code, signal = figures.exitCode, figures.signal
  if exit_code == vim.NIL and type(signal) ~= 'string' then
    notify('the program did not run; :CowlensOutput shows why.' .. missing, vim.log.levels.ERROR)
  elseif (type(exit_code) == 'number' and exit_code ~= 0) or type(signal) == 'string' then
    local failed = type(signal) == 'string' and ('the program was killed by ' .. signal)
      or ('the program exited with status ' .. exit_code)
    notify(failed .. '; :CowlensOutput shows its output, and the figures show what ran until then.' .. missing, vim.log.levels.ERROR)
  elseif missing ~= '' then
    notify('the run is incomplete.' .. missing, vim.log.levels.WARN)
  else
    notify(('the run finished: %d copies at %d sites (:CowlensReport shows the report).'):format(figures.totals.executions, #figures.sites))
  end
end

local handlers = {
  ['cowlens/runFigures'] = function(_, figures)
    latest = figures
    if uses_lenses() then
      for _, buf in ipairs(vim.api.nvim_list_bufs()) do
        if vim.api.nvim_buf_is_loaded(buf) then
          refresh_lenses(buf)
        end
      end
    end
    if figures.state == 'finished' then
      on_finished(figures)
    end
  end,
  ['cowlens/runOutput'] = function(_, chunk)
    append_output(chunk.text)
  end,
}

local function is_file_buffer(bufnr)
  return vim.bo[bufnr].buftype == '' and vim.api.nvim_buf_get_name(bufnr) ~= ''
end

local function start(bufnr)
  if not is_file_buffer(bufnr) then
    return
  end
  local path = vim.api.nvim_buf_get_name(bufnr)
  vim.lsp.start({
    name = NAME,
    cmd = config.cmd,
    root_dir = vim.fs.root(bufnr, config.root_markers) or vim.fs.dirname(path),
    init_options = { figurePlacement = config.figure_placement },
    settings = { cowlens = config.settings },
    handlers = handlers,
  }, { bufnr = bufnr })
end

-- The cowlens client of the current buffer, or of any buffer when it has none (a test command
-- needs no particular file).
local function current_client()
  return clients(vim.api.nvim_get_current_buf())[1] or clients()[1]
end

local function start_run(target)
  local client = current_client()
  if client == nil then
    notify('no cowlens language server is running: open a JavaScript or TypeScript file first.', vim.log.levels.WARN)
    return
  end
  latest = nil
  if output_buffer ~= nil and vim.api.nvim_buf_is_valid(output_buffer) then
    vim.api.nvim_buf_set_lines(output_buffer, 0, -1, false, {})
  end
  request(client, 'cowlens/startRun', { target = target }, function(err, result)
    if err then
      notify('the run did not start: ' .. err.message, vim.log.levels.ERROR)
    else
      notify(('running %s (%s mode)'):format(table.concat(result.command, ' '), result.mode))
    end
  end)
end

local function run_file()
  local bufnr = vim.api.nvim_get_current_buf()
  if #clients(bufnr) == 0 then
    notify('open a JavaScript or TypeScript file to run it.', vim.log.levels.WARN)
    return
  end
  -- The server runs the file on disk: run what the user sees.
  vim.cmd('silent update')
  start_run({ kind = 'file', uri = vim.uri_from_bufnr(bufnr) })
end

local function stop_run()
  local client = current_client()
  if client == nil then
    notify('no run is going.')
    return
  end
  request(client, 'cowlens/stopRun', vim.NIL, function(err, stopped)
    if err then
      notify('could not stop the run: ' .. err.message, vim.log.levels.ERROR)
    elseif not stopped then
      notify('no run is going.')
    end
  end)
end

local function clear_figures()
  local client = current_client()
  if client ~= nil then
    latest = nil
    request(client, 'cowlens/clearFigures', vim.NIL, function() end)
  end
end

local function show_report(format)
  local client = current_client()
  if client == nil then
    notify('no cowlens language server is running.', vim.log.levels.WARN)
    return
  end
  request(client, 'cowlens/report', { format = format ~= '' and format or 'text' }, function(err, text)
    if err then
      notify('no report: ' .. err.message, vim.log.levels.ERROR)
    elseif text == vim.NIL then
      notify('no run has finished yet: :CowlensRun runs the current file.')
    else
      vim.cmd('new')
      vim.bo.buftype, vim.bo.bufhidden, vim.bo.swapfile = 'nofile', 'wipe', false
      vim.api.nvim_buf_set_lines(0, 0, -1, false, vim.split(text, '\n'))
      vim.bo.modifiable = false
    end
  end)
end

--- `cowlens: running · 40 copies`, `cowlens: finished · 80 copies`, or '' before a run: for a status line.
function M.status()
  if latest == nil then
    return ''
  end
  return ('cowlens: %s · %d copies'):format(latest.state, latest.totals.executions)
end

--- Registers cowlens for JavaScript and TypeScript buffers. `opts` overrides the defaults above:
--- `cmd`, `filetypes`, `root_markers`, `figure_placement`, `settings`.
function M.setup(opts)
  if vim.fn.has('nvim-0.10') == 0 then
    vim.notify('cowlens needs Neovim 0.10 or later (for vim.lsp.start, vim.fs.root and inlay hints); :version shows this one.', vim.log.levels.ERROR)
    return
  end
  config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  local group = vim.api.nvim_create_augroup(NAME, { clear = true })

  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      start(args.buf)
    end,
  })
  vim.api.nvim_create_autocmd('LspAttach', {
    group = group,
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if client == nil or client.name ~= NAME then
        return
      end
      vim.lsp.inlay_hint.enable(true, { bufnr = args.buf })
      refresh_lenses(args.buf)
    end,
  })
  -- Neovim 0.10 asks for code lenses only when told to, and does not declare lens refreshes.
  vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'TextChanged' }, {
    group = group,
    callback = function(args)
      refresh_lenses(args.buf)
    end,
  })

  -- Buffers opened before setup() (a plugin manager that loads cowlens late) start now.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
      start(bufnr)
    end
  end

  local command = vim.api.nvim_create_user_command
  command('CowlensRun', run_file, { desc = 'cowlens: run the current file' })
  command('CowlensRunTests', function()
    start_run({ kind = 'tests' })
  end, { desc = 'cowlens: run the test command (setting testCommand)' })
  command('CowlensRunEntry', function()
    start_run({ kind = 'entry' })
  end, { desc = 'cowlens: run the entry file (setting entry)' })
  command('CowlensStop', stop_run, { desc = 'cowlens: stop the run' })
  command('CowlensClear', clear_figures, { desc = 'cowlens: forget the last run figures' })
  command('CowlensReport', function(args)
    show_report(args.args)
  end, {
    nargs = '?',
    complete = function()
      return { 'text', 'markdown', 'json', 'sarif' }
    end,
    desc = 'cowlens: the last run report',
  })
  command('CowlensOutput', function()
    vim.cmd('sbuffer ' .. output())
  end, { desc = 'cowlens: the output of the last run' })
end

return M
