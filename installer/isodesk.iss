; Inno Setup 6 script: the Windows installer of isodesk. It cannot be compiled or tried on Linux;
; on Windows, installer\build-windows.ps1 builds the frozen app (PyInstaller, isodesk.spec) and
; then compiles this script with ISCC.
;
; Installs for the current user without administrator rights by default (Program Files is not
; touched); an administrator can choose "for all users" in the first dialog or with /ALLUSERS.
; Silent install, e.g. by an IT department:
;     isodesk-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES [/CURRENTUSER | /ALLUSERS] [/LANG=nl]
; Nothing here or in isodesk uses the network: no download during setup, no update check or
; telemetry at first start.

; The version is the one PyInstaller wrote into isodesk.exe (from isodesk.__version__), so the
; installer can never claim another version than the program it carries.
#define DistDir AddBackslash(SourcePath) + "..\build\windows\dist\isodesk"
#define AppExe DistDir + "\isodesk.exe"
#if !FileExists(AppExe)
  #error Build the frozen app first (installer\build-windows.ps1): isodesk.exe is missing
#endif
#define AppVersion GetStringFileInfo(AppExe, "ProductVersion")
#define AppNumericVersion GetVersionNumbersString(AppExe)
#define ProgId "isodesk.project.1"

[Setup]
; AppId identifies the installation for upgrades and the uninstaller (registry key
; HKA\Software\Microsoft\Windows\CurrentVersion\Uninstall\{AppId}_is1). Never change it: a
; new one would install a second isodesk beside the first. The README names it for IT departments.
AppId={{8CCD0847-1656-4C0D-BF3C-4B1BFA42249A}
AppName=isodesk
AppVersion={#AppVersion}
AppVerName=isodesk {#AppVersion}
AppPublisher=isodesk
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductTextVersion={#AppVersion}
DefaultDirName={autopf}\isodesk
DefaultGroupName=isodesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\build\windows\icons\isodesk.ico
UninstallDisplayIcon={app}\isodesk.exe
UninstallDisplayName=isodesk
OutputBaseFilename=isodesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
; Setup asks, preselecting Windows' display language; /LANG=nl or /LANG=en when silent.
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
nl.ProjectFile=isodesk-project
en.ProjectFile=isodesk project

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\isodesk"; Filename: "{app}\isodesk.exe"
Name: "{autodesktop}\isodesk"; Filename: "{app}\isodesk.exe"; Tasks: desktopicon

[Registry]
; .isodesk opens in isodesk, with isodesk's icon. HKA is HKCU for a per-user install and HKLM for
; all users; the uninstaller removes exactly these entries.
Root: HKA; Subkey: "Software\Classes\.isodesk"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.isodesk"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-isodesk"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.isodesk\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:ProjectFile}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\isodesk.exe,0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\isodesk.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\isodesk.exe\SupportedTypes"; ValueType: string; ValueName: ".isodesk"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\isodesk.exe"; Description: "{cm:LaunchProgram,isodesk}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what setup installed. The user's projects,
; wherever they are, and isodesk's own folder in AppData (settings, recent files, the demo
; project, own catalogs) stay.
