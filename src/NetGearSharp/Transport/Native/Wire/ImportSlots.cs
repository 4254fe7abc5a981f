using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGearSharp.Transport.Native.Wire;

/// <summary>
/// The slots of a loaded ELF library through which it calls functions of other libraries (its global offset table),
/// found by the functions' names in its relocations, and rewritten to call another function instead. Linux (glibc) on
/// x64 and arm64; elsewhere nothing is found.
/// </summary>
internal static unsafe partial class ImportSlots
{
    private const uint PtDynamic = 2;
    private const long DtNull = 0, DtPltRelSize = 2, DtStrTab = 5, DtSymTab = 6, DtRela = 7, DtRelaSize = 8, DtRelaEntry = 9, DtJmpRel = 23;
    private const int PhdrSize = 56, SymSize = 24, RelaSize = 24;
    private const int ProtRead = 1, ProtWrite = 2, ProtExec = 4;

    /// <summary>A slot: the function's name and the slot's address.</summary>
    public readonly record struct Slot(string Function, nint Address);

    /// <summary>The most loaded objects looked at (a process has a few dozen to a few hundred).</summary>
    private const int MaxObjects = 4096;

    /// <summary>The slots for <paramref name="functions"/> in every loaded library whose file name passes <paramref name="library"/>.</summary>
    public static List<Slot> Find(Func<string, bool> library, IReadOnlySet<string> functions)
    {
        var found = new List<Slot>();
        var types = RelocationTypes();
        if (types.Length == 0 || !OperatingSystem.IsLinux()) return found;
        // The loader's lock is held while it calls back: the callback only copies, the reading comes after.
        var objects = (DlPhdrInfo*)NativeMemory.Alloc(MaxObjects, (nuint)sizeof(DlPhdrInfo));
        try
        {
            var list = new ObjectList { Items = objects, Capacity = MaxObjects };
            _ = dl_iterate_phdr(&Visit, &list);
            for (var i = 0; i < list.Count; i++)
            {
                var info = objects + i;
                var path = info->Name == null ? "" : Marshal.PtrToStringUTF8((nint)info->Name) ?? "";
                if (path.Length > 0 && library(Path.GetFileName(path))) ReadImports(info, new Search(functions, types, found));
            }
        }
        finally
        {
            NativeMemory.Free(objects);
        }
        return found;
    }

    /// <summary>
    /// Points <paramref name="slot"/> at <paramref name="function"/>, making its page writable for the moment if it is
    /// not (a library bound at load time has its table read-only). Returns what the slot held.
    /// </summary>
    public static nint Replace(nint slot, nint function)
    {
        var page = (nint)Environment.SystemPageSize;
        var start = slot & ~(page - 1);
        var protection = Protection(slot) ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"No mapping holds address 0x{slot:x}."));
        var writable = (protection & ProtWrite) != 0;
        if (!writable && mprotect(start, (nuint)page, protection | ProtWrite) != 0)
            throw new InvalidOperationException("mprotect failed: errno " + Marshal.GetLastPInvokeError().ToString(CultureInfo.InvariantCulture));
        var previous = Interlocked.Exchange(ref Unsafe.AsRef<nint>((void*)slot), function);
        if (!writable) _ = mprotect(start, (nuint)page, protection);
        return previous;
    }

    /// <summary>The relocation types of a slot (jump slot, global data) on this machine; none where not known.</summary>
    private static uint[] RelocationTypes() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => [7, 6],
        Architecture.Arm64 => [1026, 1025],
        _ => [],
    };

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Visit(DlPhdrInfo* info, nuint size, ObjectList* list)
    {
        if (list->Count < list->Capacity) list->Items[list->Count++] = *info;
        return 0;
    }

    private static void ReadImports(DlPhdrInfo* info, Search search)
    {
        var baseAddress = (ulong)info->Address;
        long* dynamic = null;
        for (var i = 0; i < info->HeaderCount; i++)
        {
            var header = info->Headers + i * PhdrSize;
            if (*(uint*)header == PtDynamic) dynamic = (long*)(baseAddress + *(ulong*)(header + 16));
        }
        if (dynamic == null) return;
        ulong strings = 0, symbols = 0, rela = 0, relaSize = 0, jmpRel = 0, pltSize = 0, relaEntry = RelaSize;
        for (var entry = dynamic; entry[0] != DtNull; entry += 2)
        {
            var value = (ulong)entry[1];
            switch (entry[0])
            {
                case DtStrTab: strings = Absolute(value, baseAddress); break;
                case DtSymTab: symbols = Absolute(value, baseAddress); break;
                case DtRela: rela = Absolute(value, baseAddress); break;
                case DtRelaSize: relaSize = value; break;
                case DtRelaEntry: relaEntry = value; break;
                case DtJmpRel: jmpRel = Absolute(value, baseAddress); break;
                case DtPltRelSize: pltSize = value; break;
            }
        }
        if (strings == 0 || symbols == 0 || relaEntry < RelaSize) return;
        ReadTable(jmpRel, pltSize, RelaSize, strings, symbols, baseAddress, search);
        ReadTable(rela, relaSize, relaEntry, strings, symbols, baseAddress, search);
    }

    private static void ReadTable(ulong table, ulong size, ulong entrySize, ulong strings, ulong symbols, ulong baseAddress, Search search)
    {
        if (table == 0) return;
        for (ulong offset = 0; offset + entrySize <= size; offset += entrySize)
        {
            var relocation = (ulong*)(table + offset);
            var info = relocation[1];
            var type = (uint)info;
            var symbol = (uint)(info >> 32);
            if (symbol == 0 || Array.IndexOf(search.Types, type) < 0) continue;
            var nameOffset = *(uint*)(symbols + symbol * SymSize);
            var name = Marshal.PtrToStringUTF8((nint)(strings + nameOffset));
            if (name is not null && search.Functions.Contains(name))
                search.Found.Add(new Slot(name, (nint)(baseAddress + relocation[0])));
        }
    }

    /// <summary>glibc relocates most pointers of a loaded library's dynamic section in place; an offset is relative to the base.</summary>
    private static ulong Absolute(ulong value, ulong baseAddress) => value < baseAddress ? baseAddress + value : value;

    /// <summary>The protection of the mapping holding <paramref name="address"/> (<c>/proc/self/maps</c>); null when none does.</summary>
    private static int? Protection(nint address)
    {
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash < 0 || space < dash || line.Length < space + 4) continue;
            var start = ulong.Parse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var end = ulong.Parse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if ((ulong)address < start || (ulong)address >= end) continue;
            return (line[space + 1] == 'r' ? ProtRead : 0) | (line[space + 2] == 'w' ? ProtWrite : 0) | (line[space + 3] == 'x' ? ProtExec : 0);
        }
        return null;
    }

    private sealed record Search(IReadOnlySet<string> Functions, uint[] Types, List<Slot> Found);

    /// <summary>What the callback fills: copies of the loader's records.</summary>
    private struct ObjectList
    {
        public DlPhdrInfo* Items;
        public int Capacity;
        public int Count;
    }

    /// <summary><c>struct dl_phdr_info</c>'s first fields (64-bit).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct DlPhdrInfo
    {
        public nint Address;
        public byte* Name;
        public byte* Headers;
        public ushort HeaderCount;
    }

    [LibraryImport("libc")]
    private static partial int dl_iterate_phdr(delegate* unmanaged[Cdecl]<DlPhdrInfo*, nuint, ObjectList*, int> callback, ObjectList* data);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint address, nuint length, int protection);
}
