using Mono.Cecil;
using Mono.Cecil.Cil;

namespace S3Spec.Architecture.Tests;

/// <summary>What one type's IL refers to: types (signatures, bodies, attributes) and the members its code calls or reads.</summary>
internal static class References
{
    public static IEnumerable<TypeReference> TypesUsedBy(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        Add(found, type.BaseType);
        found.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        Attributes(found, type.CustomAttributes);
        foreach (var field in type.Fields)
        {
            Add(found, field.FieldType);
            Attributes(found, field.CustomAttributes);
        }

        foreach (var property in type.Properties)
        {
            Add(found, property.PropertyType);
            Attributes(found, property.CustomAttributes);
        }

        foreach (var method in type.Methods)
        {
            Add(found, method.ReturnType);
            Attributes(found, method.CustomAttributes);
            foreach (var parameter in method.Parameters)
            {
                Add(found, parameter.ParameterType);
                Attributes(found, parameter.CustomAttributes);
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                Add(found, variable.VariableType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t: Add(found, t); break;
                    case MethodReference m:
                        Add(found, m.DeclaringType);
                        Add(found, m.ReturnType);
                        foreach (var p in m.Parameters)
                        {
                            Add(found, p.ParameterType);
                        }

                        if (m is GenericInstanceMethod g)
                        {
                            foreach (var a in g.GenericArguments)
                            {
                                Add(found, a);
                            }
                        }

                        break;
                    case FieldReference f:
                        Add(found, f.DeclaringType);
                        Add(found, f.FieldType);
                        break;
                    default: break;
                }
            }
        }

        return found;
    }

    /// <summary>The methods (calls, property reads) a type's code invokes.</summary>
    public static IEnumerable<(MethodDefinition In, MethodReference Called)> CallsIn(TypeDefinition type) =>
        from method in type.Methods
        where method.HasBody
        from instruction in method.Body.Instructions
        where instruction.OpCode.Code is Code.Call or Code.Callvirt or Code.Newobj or Code.Ldftn or Code.Ldvirtftn
        let called = instruction.Operand as MethodReference
        where called is not null
        select (method, called);

    private static void Attributes(List<TypeReference> found, IEnumerable<CustomAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            Add(found, attribute.AttributeType);
        }
    }

    private static void Add(List<TypeReference> found, TypeReference? type)
    {
        switch (type)
        {
            case null: return;
            case GenericInstanceType g:
                Add(found, g.ElementType);
                foreach (var a in g.GenericArguments)
                {
                    Add(found, a);
                }

                return;
            case TypeSpecification spec:
                Add(found, spec.ElementType);
                return;
            case GenericParameter:
                return;
            default:
                found.Add(type);
                return;
        }
    }
}
