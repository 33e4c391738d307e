; Inno Setup script: a per-user installer for the Windows bundle (no administrator rights).
; Build on Windows, after `pyinstaller --noconfirm packaging\studyapp.spec` has made
; dist\StudyApp\ (see packaging\README.md):
;
;     iscc packaging\windows\studyapp.iss        -> dist\StudyApp-0.1.0-setup.exe
;
; Keep AppVersion equal to studyapp.__version__. The AppId must never change: it is how a newer
; installer finds and upgrades an older install, and how the uninstaller finds its files.

#define AppName "StudyApp"
#define AppVersion "0.1.0"
#define AppExe "StudyApp.exe"
; paths below are relative to this script: Root is the repository
#define Root "..\.."

[Setup]
AppId={{5C6E3B1E-9C8D-4F4A-8C1B-2E7B0E6A1D53}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppComments=Offline revision for history students
; per user: installs under %LOCALAPPDATA%\Programs, needs no administrator
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir={#Root}\dist
OutputBaseFilename=StudyApp-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\studyapp.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole one-folder bundle; the student's notes live elsewhere (%LOCALAPPDATA%\StudyApp)
Source: "{#Root}\dist\StudyApp\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Offline revision for history students"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes only what [Files] installed: the student's notes, backups and logs in
; %LOCALAPPDATA%\StudyApp are kept, so reinstalling (or upgrading) loses nothing.
