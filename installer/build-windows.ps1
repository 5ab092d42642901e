# Build the Windows installer of isodesk on a Windows machine (it cannot be built on Linux):
# the frozen app with PyInstaller (installer\isodesk.spec), a smoke test of it, and the Inno Setup
# installer (installer\isodesk.iss) into OUTDIR.
#     powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 OUTDIR
# Needs: Python 3.11+ (python.org, "py" launcher) and Inno Setup 6 (jrsoftware.org), both
# installed beforehand; PyInstaller and isodesk's dependencies come from PyPI into .venv.
param([Parameter(Mandatory = $true)][string]$OutDir)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Run($exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe $arguments failed with exit code $LASTEXITCODE" }
}

if (-not (Test-Path .venv\Scripts\python.exe)) { Run py @("-3", "-m", "venv", ".venv") }
$Python = Join-Path $Root ".venv\Scripts\python.exe"
Run $Python @("-m", "pip", "install", "-q", "--upgrade", "pip")
Run $Python @("-m", "pip", "install", "-q", "-e", ".[freeze]")
$Version = (& $Python -c "import isodesk; print(isodesk.__version__)").Trim()

Run $Python @("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
              "--distpath", "build\windows\dist", "--workpath", "build\windows\pyinstaller",
              "installer\isodesk.spec")
Run $Python @("installer\render_icons.py", "build\windows\icons")

# The frozen app works on its own before it is packed: version, demo and report in a temp folder.
$Cli = Join-Path $Root "build\windows\dist\isodesk\isodesk-cli.exe"
$Said = (& $Cli --version).Trim()
if ($Said -ne "isodesk $Version") { throw "isodesk-cli --version said '$Said'" }
$Try = Join-Path ([IO.Path]::GetTempPath()) ("isodesk-check-" + [Guid]::NewGuid())
New-Item -ItemType Directory $Try | Out-Null
$env:ISODESK_HOME = Join-Path $Try "home"
Run $Cli @("demo", (Join-Path $Try "demo.isodesk"))
Run $Cli @("report", (Join-Path $Try "demo.isodesk"), (Join-Path $Try "demo.pdf"))
Remove-Item Env:ISODESK_HOME
Remove-Item -Recurse -Force $Try

$Iscc = @((Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source,
          "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
          "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
          "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") |
        Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
if (-not $Iscc) { throw "Inno Setup 6 (ISCC.exe) not found: install it from jrsoftware.org" }
New-Item -ItemType Directory -Force $OutDir | Out-Null
Run $Iscc @("/Q", "/O$((Resolve-Path $OutDir).Path)", "installer\isodesk.iss")
Write-Host "Built $(Join-Path $OutDir "isodesk-$Version-setup.exe")"
