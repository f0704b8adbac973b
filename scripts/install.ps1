# Installe cispgen sous Windows depuis une version publiée (README, « Installer cispgen ») :
#   irm https://raw.githubusercontent.com/interfede/cispgen/main/scripts/install.ps1 | iex
# Télécharge l'archive et SHA256SUMS de la même version, vérifie l'empreinte, puis installe
# cispgen.exe dans %LOCALAPPDATA%\cispgen (ajouté au PATH de l'utilisateur).
$ErrorActionPreference = 'Stop'
$depot = if ($env:CISPGEN_DEPOT) { $env:CISPGEN_DEPOT } else { 'interfede/cispgen' }
$base = if ($env:CISPGEN_VERSION) { "https://github.com/$depot/releases/download/v$($env:CISPGEN_VERSION)" } else { "https://github.com/$depot/releases/latest/download" }
$archive = 'cispgen-x86_64-pc-windows-msvc.zip'
$tmp = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid())
New-Item -ItemType Directory $tmp | Out-Null
Invoke-WebRequest "$base/$archive" -OutFile "$tmp\$archive" -UseBasicParsing
Invoke-WebRequest "$base/SHA256SUMS" -OutFile "$tmp\SHA256SUMS" -UseBasicParsing
$ligne = Get-Content "$tmp\SHA256SUMS" | Where-Object { ($_ -split '\s+')[1] -eq $archive }
if (-not $ligne) { throw "$archive n'est pas dans SHA256SUMS" }
$attendue = ($ligne -split '\s+')[0].ToLower()
$recue = (Get-FileHash "$tmp\$archive" -Algorithm SHA256).Hash.ToLower()
if ($recue -ne $attendue) { throw "empreinte SHA-256 inattendue pour ${archive} : $recue au lieu de $attendue ; rien n'est installé" }
Expand-Archive "$tmp\$archive" -DestinationPath $tmp
$dest = Join-Path $env:LOCALAPPDATA 'cispgen'
New-Item -ItemType Directory -Force $dest | Out-Null
Copy-Item "$tmp\cispgen-x86_64-pc-windows-msvc\cispgen.exe" $dest -Force
Remove-Item -Recurse -Force $tmp
$chemin = [Environment]::GetEnvironmentVariable('Path', 'User')
if (-not ($chemin -split ';' -contains $dest)) { [Environment]::SetEnvironmentVariable('Path', "$chemin;$dest", 'User') }
Write-Output "installé : $dest\cispgen.exe (ouvrez un nouveau terminal)"
